// Out-of-process HTTPS client for cluster.bench.mjs: lists a path N times and prints the sorted times (ms)
// as JSON, so the server's share is measured without the client competing for its event loop.

import { readFileSync } from "node:fs";
import https from "node:https";

const [url, token, caFile, accept, runs] = process.argv.slice(2);
const agent = new https.Agent({ ca: readFileSync(caFile), keepAlive: true });
const once = () =>
  new Promise((resolve, reject) => {
    const start = performance.now();
    https
      .get(url, { agent, headers: { authorization: `Bearer ${token}`, accept } }, (res) => {
        res.resume();
        res.on("end", () => resolve(performance.now() - start));
      })
      .on("error", reject);
  });
for (let i = 0; i < 3; i++) await once();
const times = [];
for (let i = 0; i < Number(runs); i++) times.push(await once());
agent.destroy();
console.log(JSON.stringify(times.sort((a, b) => a - b)));
