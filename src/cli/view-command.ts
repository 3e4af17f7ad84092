/**
 * `smith view DIR`: the run's HTML report and trial viewer on localhost. The page is rendered from the directory
 * on every request, so a run that is still going shows the trials recorded so far. Only two things are served:
 * the page, and the trial files of the run's plan — nothing else of the filesystem.
 */
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { loadReportInput, renderReport } from "../report/index.js";
import { InputError, ResultsStore } from "../runs/index.js";
import type { InterruptSource } from "./run-command.js";

export const DEFAULT_VIEW_PORT = 8642;

export interface ViewServer {
  /** http://127.0.0.1:PORT/ */
  url: string;
  close(): Promise<void>;
}

/** Serves a run directory on 127.0.0.1 (port 0: any free one). A directory that is not a run throws InputError. */
export async function startViewServer(dir: string, port: number): Promise<ViewServer> {
  const { store, manifest } = await ResultsStore.open(dir, { readOnly: true });
  const planned = new Set(manifest.plan.map((spec) => spec.id));

  const answer = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      return send(res, req, 405, "text/plain", "Only GET and HEAD are served.\n", { Allow: "GET, HEAD" });
    }
    // The URL parser resolves dot segments, so "/trials/../run.json" arrives here as "/run.json".
    const { pathname } = new URL(req.url ?? "/", "http://localhost");
    if (pathname === "/" || pathname === "/report.html") {
      const html = renderReport("html", await loadReportInput(dir, { unfinished: true }));
      return send(res, req, 200, "text/html; charset=utf-8", html);
    }
    const id = trialIdOf(pathname);
    if (id !== undefined && planned.has(id)) {
      let text: string;
      try {
        text = await readFile(store.trialFile(id), "utf8");
      } catch {
        return send(res, req, 404, "text/plain", `Trial ${id} is not recorded yet.\n`);
      }
      return send(res, req, 200, "application/json; charset=utf-8", text);
    }
    return send(
      res,
      req,
      404,
      "text/plain",
      "Not found: this server has the report at / and trials/<id>.json.\n",
    );
  };

  const server = createServer((req, res) => {
    answer(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        send(res, req, 500, "text/plain", `The report could not be rendered: ${(error as Error).message}\n`);
      } else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new InputError(
              `Port ${port} of 127.0.0.1 is in use: pass --port with another port, or --port 0 for any free one.`,
            )
          : error,
      ),
    );
    server.listen(port, "127.0.0.1", resolve);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The id in "/trials/<id>.json" (percent-decoded), if the path has that shape. */
function trialIdOf(pathname: string): string | undefined {
  const match = /^\/trials\/([^/]+)\.json$/.exec(pathname);
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
}

function send(
  res: ServerResponse,
  req: IncomingMessage,
  status: number,
  type: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    "Content-Type": type,
    "Content-Length": Buffer.byteLength(body),
    // Fresh on every load: a run in progress changes between two.
    "Cache-Control": "no-store",
    ...headers,
  });
  res.end(req.method === "HEAD" ? undefined : body);
}

export interface ViewCommandDeps {
  stdout: { write(text: string): unknown };
  interrupts: InterruptSource;
}

/** Serves until Ctrl-C, then stops the server and returns 0. */
export async function viewCommand(
  dir: string,
  options: { port: number },
  deps: ViewCommandDeps,
): Promise<number> {
  const server = await startViewServer(dir, options.port);
  // Listening for Ctrl-C before the URL is out: whoever reads the URL may stop the server at once.
  const interrupted = new Promise<void>((resolve) => {
    const stop = () => {
      deps.interrupts.off("SIGINT", stop);
      deps.interrupts.off("SIGTERM", stop);
      resolve();
    };
    deps.interrupts.on("SIGINT", stop);
    deps.interrupts.on("SIGTERM", stop);
  });
  deps.stdout.write(`Smith viewer of ${dir}: ${server.url} (Ctrl-C to stop)\n`);
  await interrupted;
  await server.close();
  return 0;
}
