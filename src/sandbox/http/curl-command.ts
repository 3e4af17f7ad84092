import { STATUS_CODES } from "node:http";
import { decodeBytesToUtf8, defineCommand, type IFileSystem } from "just-bash";
import type { CurrentExec } from "../exec-state.js";
import type { ServiceResponse } from "../types.js";
import { type CurlOptions, parseCurlArgs } from "./curl-options.js";
import {
  type HttpContext,
  type HttpHost,
  type HttpRequest,
  headerValue,
  type Reach,
  type ReachFailure,
  reachService,
  redirectLocation,
  redirectMethod,
} from "./reach-service.js";

/** curl as it behaves in the pod: it reaches the cluster's Services and nothing else. */

const USER_AGENT = "curl/8.5.0";
const VERSION = `curl 8.5.0 (x86_64-pc-linux-gnu) libcurl/8.5.0 OpenSSL/3.0.13 zlib/1.3
Release-Date: 2023-12-06
Protocols: http https
Features: alt-svc AsynchDNS HSTS HTTPS-proxy IPv6 Largefile libz SSL threadsafe UnixSockets
`;
const USAGE = `Usage: curl [options...] <url>
 -d, --data <data>          HTTP POST data
 -f, --fail                 Fail fast with no output on HTTP errors
 -H, --header <header/@file> Pass custom header(s) to server
 -i, --include              Include protocol response headers in the output
 -L, --location             Follow redirects
 -o, --output <file>        Write to file instead of stdout
 -s, --silent               Silent mode
 -S, --show-error           Show error even when -s is used
 -v, --verbose              Make the operation more talkative
 -w, --write-out <format>   Use output FORMAT after completion
 -X, --request <method>     Specify request method to use
`;

interface CurlIo {
  fs: IFileSystem;
  cwd: string;
  stdin: string;
}

export function curlCommand(host: HttpHost, current: CurrentExec) {
  return defineCommand("curl", async (args, ctx) => {
    const state = current();
    if (state.expired()) return { stdout: "", stderr: "", exitCode: 28 };
    const parsed = parseCurlArgs(args);
    if (!parsed.ok) return { stdout: "", stderr: parsed.stderr, exitCode: 2 };
    const options = parsed.options;
    if (options.help) return { stdout: USAGE, stderr: "", exitCode: 0 };
    if (options.version) return { stdout: VERSION, stderr: "", exitCode: 0 };
    if (options.urls.length === 0) {
      return {
        stdout: "",
        stderr: "curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n",
        exitCode: 2,
      };
    }
    const io: CurlIo = { fs: ctx.fs, cwd: ctx.cwd, stdin: decodeBytesToUtf8(ctx.stdin) };
    const out = { stdout: "", stderr: "", exitCode: 0 };
    const context: HttpContext = { ...host, state };
    for (const [index, url] of options.urls.entries()) {
      const transfer = await runTransfer(url, options, options.outputs[index], io, context);
      out.stdout += transfer.stdout;
      out.stderr += transfer.stderr;
      if (transfer.exitCode !== 0) out.exitCode = transfer.exitCode;
    }
    return out;
  });
}

interface Transfer {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** One URL's transfer, then its --write-out line, which curl prints whether or not the transfer worked. */
async function runTransfer(
  rawUrl: string,
  o: CurlOptions,
  output: string | undefined,
  io: CurlIo,
  http: HttpContext,
): Promise<Transfer> {
  const t: Transfer = { stdout: "", stderr: "", exitCode: 0 };
  const facts: WriteOutFacts = { method: "GET", redirects: 0, totalMs: 0 };
  await transfer(rawUrl, o, output, io, http, t, facts);
  if (o.writeOut !== undefined) t.stdout += writeOut(await readAtFile(o.writeOut, io), facts, t.exitCode);
  return t;
}

async function transfer(
  rawUrl: string,
  o: CurlOptions,
  output: string | undefined,
  io: CurlIo,
  http: HttpContext,
  t: Transfer,
  facts: WriteOutFacts,
): Promise<void> {
  const fail = (code: number, message: string) => {
    if (!o.silent || o.showError) t.stderr += `curl: (${code}) ${message}\n`;
    t.exitCode = code;
  };
  if (o.unixSocket !== undefined) {
    http.state.refuse("host-path", `curl --unix-socket ${o.unixSocket}`);
    return fail(7, "Couldn't connect to server");
  }
  if (o.proxy !== undefined) {
    http.state.refuse("network", `curl --proxy ${o.proxy}`);
    return fail(5, `Could not resolve proxy: ${proxyHost(o.proxy)}`);
  }
  const body = await requestBody(o, io);
  let url = o.get && body !== undefined ? withQuery(rawUrl, body) : rawUrl;
  facts.method = o.method ?? (o.head ? "HEAD" : body !== undefined && !o.get ? "POST" : "GET");
  let request: HttpRequest = {
    method: facts.method,
    headers: requestHeaders(o),
    ...(body !== undefined && !o.get ? { body } : {}),
  };
  let reach: Reach;
  for (;;) {
    reach = await reachService(url, request, http);
    if (!reach.ok) return fail(...failure(reach.failure));
    facts.reach = reach;
    facts.totalMs += reach.elapsedMs;
    if (o.verbose) t.stderr += verboseExchange(reach, request);
    const next = o.location ? redirectLocation(reach) : undefined;
    if (next === undefined) break;
    if (facts.redirects >= o.maxRedirs) return fail(47, `Maximum (${o.maxRedirs}) redirects followed`);
    facts.redirects++;
    facts.method = redirectMethod(reach.response.status, facts.method);
    request = { ...request, method: facts.method, ...(facts.method === "GET" ? { body: undefined } : {}) };
    url = next;
  }
  if (o.maxTimeSeconds !== undefined && o.maxTimeSeconds > 0 && facts.totalMs > o.maxTimeSeconds * 1000) {
    const ms = Math.round(o.maxTimeSeconds * 1000);
    facts.reach = undefined;
    return fail(28, `Operation timed out after ${ms} milliseconds with 0 bytes received`);
  }
  const response = reach.response;
  const headerBlock = formatHeaders(response);
  if (o.dumpHeader !== undefined) {
    if (o.dumpHeader === "-") t.stdout += headerBlock;
    else await writeFile(io, o.dumpHeader, headerBlock);
  }
  const failed = (o.fail || o.failWithBody) && response.status >= 400;
  const shown =
    failed && !o.failWithBody
      ? ""
      : `${o.include || o.head ? headerBlock : ""}${o.head ? "" : response.body}`;
  const target = output ?? (o.remoteName ? remoteName(reach.url) : undefined);
  if (target === "") return fail(23, "Remote file name has no length!");
  if (target === undefined || target === "-") t.stdout += shown;
  else if (!(await writeFile(io, o.outputDir ? `${o.outputDir}/${target}` : target, shown))) {
    return fail(23, "Failure writing output to destination");
  }
  if (failed) fail(22, `The requested URL returned error: ${response.status}`);
}

function failure(f: ReachFailure): [number, string] {
  switch (f.kind) {
    case "malformed":
      return [3, "URL rejected: Malformed input to a URL function"];
    case "protocol":
      return [1, `Protocol "${f.protocol}" not supported`];
    case "resolve":
      return [6, `Could not resolve host: ${f.host}`];
    case "connect":
      return [7, `Failed to connect to ${f.host} port ${f.port} after 0 ms: Couldn't connect to server`];
    case "receive":
      return [56, "Recv failure: Connection reset by peer"];
    case "timeout":
      return [28, `Operation timed out after ${Math.round(f.afterMs)} milliseconds with 0 bytes received`];
  }
}

function proxyHost(proxy: string): string {
  try {
    return new URL(proxy.includes("://") ? proxy : `http://${proxy}`).hostname;
  } catch {
    return proxy;
  }
}

/** -d and friends joined the way curl joins them; undefined when there is no body. */
async function requestBody(o: CurlOptions, io: CurlIo): Promise<string | undefined> {
  if (o.data.length === 0) return undefined;
  const parts: string[] = [];
  for (const { kind, value } of o.data) {
    switch (kind) {
      case "data":
        // curl strips newlines from a file given to -d, and keeps them for --data-binary.
        parts.push(value.startsWith("@") ? (await readAtFile(value, io)).replace(/[\r\n]/g, "") : value);
        break;
      case "data-raw":
        parts.push(value);
        break;
      case "data-binary":
      case "json":
        parts.push(await readAtFile(value, io));
        break;
      case "data-urlencode":
        parts.push(await urlencodePart(value, io));
        break;
    }
  }
  const json = o.data.every((d) => d.kind === "json");
  return parts.join(json ? "" : "&");
}

/** `--data-urlencode` forms: content, =content, name=content, @file, name@file. */
async function urlencodePart(value: string, io: CurlIo): Promise<string> {
  const eq = value.indexOf("=");
  const at = value.indexOf("@");
  if (eq >= 0 && (at < 0 || eq < at)) {
    const name = value.slice(0, eq);
    const encoded = encodeURIComponent(value.slice(eq + 1));
    return name === "" ? encoded : `${name}=${encoded}`;
  }
  if (at >= 0) {
    const name = value.slice(0, at);
    const encoded = encodeURIComponent(await readAtFile(value.slice(at), io));
    return name === "" ? encoded : `${name}=${encoded}`;
  }
  return encodeURIComponent(value);
}

/** `@file` and `@-` read a file or stdin, as curl's -d, -w and --json do; anything else is the value itself. */
async function readAtFile(value: string, io: CurlIo): Promise<string> {
  if (!value.startsWith("@")) return value;
  const name = value.slice(1);
  if (name === "-") return io.stdin;
  try {
    return await io.fs.readFile(io.fs.resolvePath(io.cwd, name));
  } catch {
    return "";
  }
}

function withQuery(url: string, query: string): string {
  return `${url}${url.includes("?") ? "&" : "?"}${query}`;
}

function requestHeaders(o: CurlOptions): Record<string, string> {
  const headers = new Map<string, [string, string]>();
  const set = (name: string, value: string | undefined) => {
    if (value === undefined) headers.delete(name.toLowerCase());
    else headers.set(name.toLowerCase(), [name, value]);
  };
  set("User-Agent", USER_AGENT);
  set("Accept", "*/*");
  if (o.data.length > 0 && !o.get) {
    const json = o.data.some((d) => d.kind === "json");
    if (json) set("Accept", "application/json");
    set("Content-Type", json ? "application/json" : "application/x-www-form-urlencoded");
  }
  for (const [name, value] of o.headers) set(name, value);
  return Object.fromEntries(headers.values());
}

function statusLine(response: ServiceResponse): string {
  return `HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ""}`.trimEnd();
}

function formatHeaders(response: ServiceResponse): string {
  const lines = [statusLine(response), ...Object.entries(response.headers).map(([k, v]) => `${k}: ${v}`)];
  return `${lines.join("\r\n")}\r\n\r\n`;
}

function verboseExchange(reach: Reach & { ok: true }, request: HttpRequest): string {
  const defaultPort = reach.url.protocol === "https:" ? "443" : "80";
  const hostHeader = reach.port === defaultPort ? reach.host : `${reach.host}:${reach.port}`;
  const sent = [
    `> ${request.method} ${reach.url.pathname}${reach.url.search} HTTP/1.1`,
    `> Host: ${hostHeader}`,
    ...Object.entries(request.headers).map(([k, v]) => `> ${k}: ${v}`),
    ">",
  ];
  const received = [
    `< ${statusLine(reach.response)}`,
    ...Object.entries(reach.response.headers).map(([k, v]) => `< ${k}: ${v}`),
    "<",
  ];
  return [
    `*   Trying ${reach.host}:${reach.port}...`,
    `* Connected to ${reach.host} port ${reach.port}`,
    ...sent,
    ...received,
    `* Connection #0 to host ${reach.host} left intact`,
    "",
  ].join("\n");
}

function remoteName(url: URL): string {
  return url.pathname.split("/").pop() ?? "";
}

async function writeFile(io: CurlIo, path: string, content: string): Promise<boolean> {
  if (path === "/dev/null") return true;
  try {
    await io.fs.writeFile(io.fs.resolvePath(io.cwd, path), content);
    return true;
  } catch {
    return false;
  }
}

interface WriteOutFacts {
  /** The last answer; absent when no server answered (curl then reports http_code 000). */
  reach?: Reach & { ok: true };
  method: string;
  redirects: number;
  totalMs: number;
}

/** curl's --write-out: %{variable}, %header{name}, %% and the backslash escapes \n \r \t \\. */
function writeOut(format: string, f: WriteOutFacts, exitCode: number): string {
  const response = f.reach?.response;
  const seconds = (f.totalMs / 1000).toFixed(6);
  const size = response ? Buffer.byteLength(response.body) : 0;
  const url = f.reach?.url.toString() ?? "";
  const variables: Record<string, string> = {
    http_code: String(response?.status ?? 0).padStart(3, "0"),
    response_code: String(response?.status ?? 0),
    http_version: response ? "1.1" : "0",
    method: f.method,
    url,
    url_effective: url,
    scheme: f.reach ? f.reach.url.protocol.slice(0, -1).toUpperCase() : "",
    content_type: (response && headerValue(response.headers, "content-type")) ?? "",
    size_download: String(size),
    size_header: String(response ? Buffer.byteLength(formatHeaders(response)) : 0),
    num_redirects: String(f.redirects),
    redirect_url: (f.reach && redirectLocation(f.reach)) ?? "",
    remote_port: f.reach?.port ?? "",
    time_total: seconds,
    time_starttransfer: seconds,
    time_connect: "0.000000",
    time_namelookup: "0.000000",
    time_pretransfer: "0.000000",
    time_appconnect: "0.000000",
    time_redirect: "0.000000",
    speed_download: String(f.totalMs > 0 ? Math.round(size / (f.totalMs / 1000)) : size),
    exitcode: String(exitCode),
  };
  return format
    .replace(/\\([nrt\\])/g, (_, c: string) => ({ n: "\n", r: "\r", t: "\t", "\\": "\\" })[c] ?? c)
    .replace(/%%|%\{([a-z_]+)\}|%header\{([^}]+)\}/g, (match, name?: string, header?: string) => {
      if (match === "%%") return "%";
      if (header !== undefined)
        return (response && headerValue(response.headers, header.toLowerCase())) ?? "";
      return variables[name ?? ""] ?? "";
    });
}
