/** curl's command line, for the options agents use; everything else fails the way curl fails on it. */

export type DataKind = "data" | "data-raw" | "data-binary" | "data-urlencode" | "json";

export interface CurlOptions {
  urls: string[];
  /** -o values, paired with the URLs in order. */
  outputs: string[];
  remoteName: boolean;
  outputDir?: string;
  method?: string;
  /** Name → value; undefined removes a header curl would send (`-H "Accept:"`). */
  headers: [string, string | undefined][];
  data: { kind: DataKind; value: string }[];
  get: boolean;
  head: boolean;
  include: boolean;
  writeOut?: string;
  dumpHeader?: string;
  silent: boolean;
  showError: boolean;
  fail: boolean;
  failWithBody: boolean;
  location: boolean;
  verbose: boolean;
  maxRedirs: number;
  maxTimeSeconds?: number;
  proxy?: string;
  unixSocket?: string;
  help: boolean;
  version: boolean;
}

export type CurlParse = { ok: true; options: CurlOptions } | { ok: false; stderr: string };

const SHORT: Record<string, string> = {
  s: "silent",
  S: "show-error",
  f: "fail",
  L: "location",
  v: "verbose",
  i: "include",
  I: "head",
  k: "insecure",
  G: "get",
  N: "no-buffer",
  O: "remote-name",
  o: "output",
  X: "request",
  d: "data",
  H: "header",
  w: "write-out",
  m: "max-time",
  u: "user",
  A: "user-agent",
  e: "referer",
  x: "proxy",
  D: "dump-header",
  b: "cookie",
  c: "cookie-jar",
  r: "range",
  F: "form",
  T: "upload-file",
  K: "config",
  E: "cert",
  "4": "ipv4",
  "6": "ipv6",
  q: "disable",
  "#": "progress-bar",
  g: "globoff",
  h: "help",
  V: "version",
};

const BOOLEAN = new Set([
  "silent",
  "show-error",
  "fail",
  "fail-with-body",
  "fail-early",
  "location",
  "location-trusted",
  "verbose",
  "include",
  "head",
  "insecure",
  "get",
  "no-buffer",
  "remote-name",
  "remote-name-all",
  "compressed",
  "http1.0",
  "http1.1",
  "http2",
  "http2-prior-knowledge",
  "no-progress-meter",
  "progress-bar",
  "globoff",
  "ipv4",
  "ipv6",
  "disable",
  "no-keepalive",
  "tcp-nodelay",
  "no-sessionid",
  "raw",
  "path-as-is",
  "create-dirs",
  "post301",
  "post302",
  "post303",
  "help",
  "version",
]);

const WITH_VALUE = new Set([
  "output",
  "output-dir",
  "request",
  "data",
  "data-ascii",
  "data-raw",
  "data-binary",
  "data-urlencode",
  "json",
  "header",
  "write-out",
  "max-time",
  "connect-timeout",
  "retry",
  "retry-delay",
  "retry-max-time",
  "max-redirs",
  "user",
  "user-agent",
  "referer",
  "proxy",
  "noproxy",
  "url",
  "dump-header",
  "cookie",
  "cookie-jar",
  "range",
  "cacert",
  "cert",
  "key",
  "resolve",
  "connect-to",
  "interface",
  "limit-rate",
  "oauth2-bearer",
  "unix-socket",
  "abstract-unix-socket",
  "expect100-timeout",
  "keepalive-time",
  "speed-limit",
  "speed-time",
  "form",
  "upload-file",
  "config",
]);

/** Options that need a local file or a multipart body: nothing in the pod's scenarios calls for them. */
const UNSUPPORTED = new Set(["form", "upload-file", "config"]);

const TRY = "curl: try 'curl --help' or 'curl --manual' for more information\n";

export function parseCurlArgs(args: string[]): CurlParse {
  const options: CurlOptions = {
    urls: [],
    outputs: [],
    remoteName: false,
    headers: [],
    data: [],
    get: false,
    head: false,
    include: false,
    silent: false,
    showError: false,
    fail: false,
    failWithBody: false,
    location: false,
    verbose: false,
    maxRedirs: 50,
    help: false,
    version: false,
  };
  for (let i = 0; i < args.length; i++) {
    const word = args[i] ?? "";
    const names: { name: string; written: string; inline?: string }[] = [];
    if (word.startsWith("--")) {
      names.push({ name: word.slice(2), written: word });
    } else if (word.startsWith("-") && word.length > 1) {
      for (let j = 1; j < word.length; j++) {
        const letter = word[j] ?? "";
        const name = SHORT[letter];
        if (name === undefined) return unknown(`-${letter}`);
        if (WITH_VALUE.has(name) && j + 1 < word.length) {
          names.push({ name, written: `-${letter}`, inline: word.slice(j + 1) });
          break;
        }
        names.push({ name, written: `-${letter}` });
      }
    } else {
      options.urls.push(word);
      continue;
    }
    for (const { name, written, inline } of names) {
      if (BOOLEAN.has(name)) {
        setFlag(options, name);
        continue;
      }
      if (!WITH_VALUE.has(name)) return unknown(written);
      if (UNSUPPORTED.has(name))
        return { ok: false, stderr: `curl: option ${written}: is not supported in this pod\n${TRY}` };
      let value = inline;
      if (value === undefined) {
        value = args[i + 1];
        if (value === undefined)
          return { ok: false, stderr: `curl: option ${written}: requires parameter\n${TRY}` };
        i++;
      }
      const problem = setValue(options, name, value);
      if (problem) return { ok: false, stderr: `curl: option ${written}: ${problem}\n${TRY}` };
    }
  }
  return { ok: true, options };
}

function unknown(written: string): CurlParse {
  return { ok: false, stderr: `curl: option ${written}: is unknown\n${TRY}` };
}

function setFlag(o: CurlOptions, name: string): void {
  switch (name) {
    case "silent":
      o.silent = true;
      break;
    case "show-error":
      o.showError = true;
      break;
    case "fail":
    case "fail-early":
      o.fail = true;
      break;
    case "fail-with-body":
      o.failWithBody = true;
      break;
    case "location":
    case "location-trusted":
      o.location = true;
      break;
    case "verbose":
      o.verbose = true;
      break;
    case "include":
      o.include = true;
      break;
    case "head":
      o.head = true;
      break;
    case "get":
      o.get = true;
      break;
    case "remote-name":
    case "remote-name-all":
      o.remoteName = true;
      break;
    case "help":
      o.help = true;
      break;
    case "version":
      o.version = true;
      break;
    // The rest tune transport details a simulated connection does not have.
  }
}

/** Applies one option with a value; a returned string is curl's complaint about it. */
function setValue(o: CurlOptions, name: string, value: string): string | undefined {
  switch (name) {
    case "output":
      o.outputs.push(value);
      return undefined;
    case "output-dir":
      o.outputDir = value;
      return undefined;
    case "request":
      o.method = value;
      return undefined;
    case "data":
    case "data-ascii":
      o.data.push({ kind: "data", value });
      return undefined;
    case "data-raw":
    case "data-binary":
    case "data-urlencode":
    case "json":
      o.data.push({ kind: name, value });
      return undefined;
    case "header": {
      const colon = value.indexOf(":");
      if (colon > 0) {
        const headerValue = value.slice(colon + 1).trim();
        o.headers.push([value.slice(0, colon).trim(), headerValue === "" ? undefined : headerValue]);
      } else if (value.endsWith(";")) {
        o.headers.push([value.slice(0, -1).trim(), ""]);
      }
      return undefined;
    }
    case "write-out":
      o.writeOut = value;
      return undefined;
    case "dump-header":
      o.dumpHeader = value;
      return undefined;
    case "max-time": {
      const seconds = Number(value);
      if (!Number.isFinite(seconds) || seconds < 0) return "expected a proper numerical parameter";
      o.maxTimeSeconds = seconds;
      return undefined;
    }
    case "max-redirs": {
      const count = Number(value);
      if (!Number.isInteger(count)) return "expected a proper numerical parameter";
      o.maxRedirs = count < 0 ? Number.POSITIVE_INFINITY : count;
      return undefined;
    }
    case "user":
      o.headers.push(["Authorization", `Basic ${Buffer.from(value).toString("base64")}`]);
      return undefined;
    case "oauth2-bearer":
      o.headers.push(["Authorization", `Bearer ${value}`]);
      return undefined;
    case "user-agent":
      o.headers.push(["User-Agent", value]);
      return undefined;
    case "referer":
      o.headers.push(["Referer", value]);
      return undefined;
    case "cookie":
      if (value.includes("=")) o.headers.push(["Cookie", value]);
      return undefined;
    case "range":
      o.headers.push(["Range", `bytes=${value}`]);
      return undefined;
    case "proxy":
      o.proxy = value;
      return undefined;
    case "unix-socket":
    case "abstract-unix-socket":
      o.unixSocket = value;
      return undefined;
    case "url":
      o.urls.push(value);
      return undefined;
    default:
      // Timeouts, retries, TLS files, resolver overrides: nothing to tune on a simulated connection.
      return undefined;
  }
}
