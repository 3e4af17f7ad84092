import { STATUS_CODES } from "node:http";
import { decodeBytesToUtf8, defineCommand, type IFileSystem } from "just-bash";
import type { CurrentExec } from "../exec-state.js";
import {
  type HttpContext,
  type HttpHost,
  type HttpRequest,
  headerValue,
  reachService,
  redirectLocation,
  redirectMethod,
} from "./reach-service.js";

/** GNU wget as it behaves in the pod: it reaches the cluster's Services and nothing else. */

interface WgetOptions {
  urls: string[];
  output?: string;
  quiet: boolean;
  noVerbose: boolean;
  serverResponse: boolean;
  spider: boolean;
  contentOnError: boolean;
  method?: string;
  body?: string;
  bodyFile?: string;
  headers: [string, string][];
  prefix?: string;
  maxRedirect: number;
}

const WITH_VALUE: Record<string, string> = {
  O: "output-document",
  T: "timeout",
  t: "tries",
  U: "user-agent",
  P: "directory-prefix",
  o: "output-file",
  a: "append-output",
  w: "wait",
};
const BOOLEAN: Record<string, string> = {
  q: "quiet",
  S: "server-response",
  c: "continue",
  v: "verbose",
  N: "timestamping",
  "4": "inet4-only",
  "6": "inet6-only",
};
/** GNU wget's two-letter short options. */
const TWO_LETTER: Record<string, string> = {
  "-nv": "no-verbose",
  "-nc": "no-clobber",
  "-nd": "no-directories",
  "-np": "no-parent",
  "-nH": "no-host-directories",
};

const USAGE = "Usage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n";

function parseWgetArgs(args: string[]): { ok: true; options: WgetOptions } | { ok: false; stderr: string } {
  const o: WgetOptions = {
    urls: [],
    quiet: false,
    noVerbose: false,
    serverResponse: false,
    spider: false,
    contentOnError: false,
    headers: [],
    maxRedirect: 20,
  };
  const uses: [string, string | undefined][] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i] ?? "";
    const twoLetter = TWO_LETTER[word];
    if (twoLetter !== undefined) {
      uses.push([twoLetter, undefined]);
    } else if (word.startsWith("--")) {
      const eq = word.indexOf("=");
      const name = word.slice(2, eq >= 0 ? eq : undefined);
      if (eq >= 0) uses.push([name, word.slice(eq + 1)]);
      else if (LONG_WITH_VALUE.has(name)) uses.push([name, args[++i]]);
      else uses.push([name, undefined]);
    } else if (word.startsWith("-") && word.length > 1) {
      for (let j = 1; j < word.length; j++) {
        const letter = word[j] ?? "";
        const valued = WITH_VALUE[letter];
        if (valued !== undefined) {
          uses.push([valued, j + 1 < word.length ? word.slice(j + 1) : args[++i]]);
          break;
        }
        const flag = BOOLEAN[letter];
        if (flag === undefined) return { ok: false, stderr: `wget: invalid option -- '${letter}'\n${USAGE}` };
        uses.push([flag, undefined]);
      }
    } else {
      o.urls.push(word);
    }
  }
  for (const [name, value] of uses) {
    if (LONG_WITH_VALUE.has(name) && value === undefined) {
      return { ok: false, stderr: `wget: option '--${name}' requires an argument\n${USAGE}` };
    }
    const problem = apply(o, name, value ?? "");
    if (problem) return { ok: false, stderr: `${problem}\n${USAGE}` };
  }
  return { ok: true, options: o };
}

const LONG_WITH_VALUE = new Set([
  ...Object.values(WITH_VALUE),
  "header",
  "post-data",
  "post-file",
  "body-data",
  "body-file",
  "method",
  "max-redirect",
  "user",
  "password",
  "http-user",
  "http-password",
  "read-timeout",
  "connect-timeout",
  "dns-timeout",
]);

const IGNORED = new Set([
  "timeout",
  "tries",
  "wait",
  "read-timeout",
  "connect-timeout",
  "dns-timeout",
  "continue",
  "verbose",
  "timestamping",
  "inet4-only",
  "inet6-only",
  "no-check-certificate",
  "no-clobber",
  "no-directories",
  "no-parent",
  "no-host-directories",
  "output-file",
  "append-output",
  "user",
  "password",
  "http-user",
  "http-password",
  "no-cache",
  "no-dns-cache",
]);

function apply(o: WgetOptions, name: string, value: string): string | undefined {
  switch (name) {
    case "output-document":
      o.output = value;
      return undefined;
    case "quiet":
      o.quiet = true;
      return undefined;
    case "no-verbose":
      o.noVerbose = true;
      return undefined;
    case "server-response":
      o.serverResponse = true;
      return undefined;
    case "spider":
      o.spider = true;
      return undefined;
    case "content-on-error":
      o.contentOnError = true;
      return undefined;
    case "header": {
      const colon = value.indexOf(":");
      if (colon > 0) o.headers.push([value.slice(0, colon).trim(), value.slice(colon + 1).trim()]);
      return undefined;
    }
    case "user-agent":
      o.headers.push(["User-Agent", value]);
      return undefined;
    case "post-data":
    case "body-data":
      o.body = value;
      o.method ??= name === "post-data" ? "POST" : undefined;
      return undefined;
    case "post-file":
    case "body-file":
      o.bodyFile = value;
      o.method ??= name === "post-file" ? "POST" : undefined;
      return undefined;
    case "method":
      o.method = value.toUpperCase();
      return undefined;
    case "directory-prefix":
      o.prefix = value;
      return undefined;
    case "max-redirect":
      o.maxRedirect = Number(value);
      return Number.isInteger(o.maxRedirect) ? undefined : `wget: --max-redirect: Invalid number '${value}'.`;
    default:
      return IGNORED.has(name) ? undefined : `wget: unrecognized option '--${name}'`;
  }
}

export function wgetCommand(host: HttpHost, now: () => number, current: CurrentExec) {
  return defineCommand("wget", async (args, ctx) => {
    const state = current();
    if (state.expired()) return { stdout: "", stderr: "", exitCode: 4 };
    const parsed = parseWgetArgs(args);
    if (!parsed.ok) return { stdout: "", stderr: parsed.stderr, exitCode: 2 };
    const o = parsed.options;
    if (o.urls.length === 0) return { stdout: "", stderr: `wget: missing URL\n${USAGE}`, exitCode: 1 };
    const context: HttpContext = { ...host, state };
    const out = { stdout: "", stderr: "", exitCode: 0 };
    const log = (line: string) => {
      if (!o.quiet) out.stderr += `${line}\n`;
    };
    const stamp = () => new Date(now()).toISOString().replace("T", " ").slice(0, 19);
    let body = o.body;
    if (o.bodyFile !== undefined) {
      body = o.bodyFile === "-" ? decodeBytesToUtf8(ctx.stdin) : await readFile(ctx.fs, ctx.cwd, o.bodyFile);
    }
    for (const rawUrl of o.urls) {
      const code = await fetchOne(rawUrl);
      if (code !== 0) out.exitCode = code;
    }
    return out;

    async function fetchOne(rawUrl: string): Promise<number> {
      let request: HttpRequest = {
        method: o.method ?? (o.spider ? "HEAD" : "GET"),
        headers: Object.fromEntries([["User-Agent", "Wget/1.21.4"], ["Accept", "*/*"], ...o.headers]),
        ...(body !== undefined ? { body } : {}),
      };
      if (body !== undefined && !o.headers.some(([k]) => k.toLowerCase() === "content-type")) {
        request.headers["Content-Type"] = "application/x-www-form-urlencoded";
      }
      let url = rawUrl;
      for (let redirects = 0; ; redirects++) {
        if (!o.noVerbose) log(`--${stamp()}--  ${url}`);
        const reach = await reachService(url, request, context);
        if (!reach.ok) {
          const f = reach.failure;
          if (f.kind === "resolve") log(`wget: unable to resolve host address ‘${f.host}’`);
          else if (f.kind === "connect")
            log(`Connecting to ${f.host}:${f.port}... failed: Connection refused.`);
          else if (f.kind === "protocol") log(`${url}: Unsupported scheme ‘${f.protocol}’.`);
          else if (f.kind === "malformed") log(`${url}: Invalid URL.`);
          else if (f.kind === "timeout") log("Read error (Connection timed out) in headers.");
          else log("Read error (Connection reset by peer) in headers.");
          return f.kind === "protocol" || f.kind === "malformed" ? 1 : 4;
        }
        const { response } = reach;
        const reason = STATUS_CODES[response.status] ?? "";
        if (!o.noVerbose) {
          log(`Connecting to ${reach.host}:${reach.port}... connected.`);
          log(
            `HTTP request sent, awaiting response... ${o.serverResponse ? "" : `${response.status} ${reason}`}`,
          );
        }
        if (o.serverResponse) {
          log(`  HTTP/1.1 ${response.status} ${reason}`);
          for (const [k, v] of Object.entries(response.headers)) log(`  ${k}: ${v}`);
        }
        const next = redirectLocation(reach);
        if (next !== undefined) {
          if (redirects >= o.maxRedirect) {
            log(`${o.maxRedirect} redirections exceeded.`);
            return 8;
          }
          if (!o.noVerbose) log(`Location: ${next} [following]`);
          const method = redirectMethod(response.status, request.method);
          request = { ...request, method, ...(method === "GET" ? { body: undefined } : {}) };
          url = next;
          continue;
        }
        if (o.spider) {
          log(response.status < 400 ? "Remote file exists." : "Remote file does not exist -- broken link!!!");
          return response.status < 400 ? 0 : 8;
        }
        const failed = response.status >= 400;
        if (failed) log(`${stamp()} ERROR ${response.status}: ${reason}.`);
        if (failed && !o.contentOnError) return 8;
        const size = Buffer.byteLength(response.body);
        const type = headerValue(response.headers, "content-type");
        if (!o.noVerbose) log(`Length: ${size}${type ? ` [${type}]` : ""}`);
        const target = o.output ?? (await freeName(ctx.fs, ctx.cwd, o.prefix, defaultName(reach.url)));
        if (target === "-") {
          out.stdout += response.body;
          if (!o.noVerbose) log(`Saving to: ‘STDOUT’\n\n${stamp()} - written to stdout [${size}/${size}]\n`);
        } else {
          if (target !== "/dev/null")
            await ctx.fs.writeFile(ctx.fs.resolvePath(ctx.cwd, target), response.body);
          if (o.noVerbose) log(`${stamp()} URL:${reach.url} [${size}/${size}] -> "${target}" [1]`);
          else log(`Saving to: ‘${target}’\n\n${stamp()} - ‘${target}’ saved [${size}/${size}]\n`);
        }
        return failed ? 8 : 0;
      }
    }
  });
}

function defaultName(url: URL): string {
  const last = url.pathname.split("/").pop();
  if (!last) return "index.html";
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** wget never overwrites: a taken name gets .1, .2 … */
async function freeName(
  fs: IFileSystem,
  cwd: string,
  prefix: string | undefined,
  name: string,
): Promise<string> {
  const base = prefix ? `${prefix}/${name}` : name;
  let candidate = base;
  for (let n = 1; await fs.exists(fs.resolvePath(cwd, candidate)); n++) candidate = `${base}.${n}`;
  return candidate;
}

async function readFile(fs: IFileSystem, cwd: string, path: string): Promise<string> {
  try {
    return await fs.readFile(fs.resolvePath(cwd, path));
  } catch {
    return "";
  }
}
