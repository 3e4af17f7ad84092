/**
 * The browser half of report.html: a script and a stylesheet kept as files of their own (so they are edited
 * and linted as what they are) and inlined into every page. `npm run build` copies them next to this module.
 */
import { readFileSync } from "node:fs";

export interface ViewerAssets {
  script: string;
  style: string;
}

let assets: ViewerAssets | undefined;

export function viewerAssets(): ViewerAssets {
  assets ??= {
    script: readFileSync(new URL("./viewer/viewer.js", import.meta.url), "utf8"),
    style: readFileSync(new URL("./viewer/viewer.css", import.meta.url), "utf8"),
  };
  return assets;
}
