// Opens GraphiQL on a running gateway in headless Chromium with request headers in the headers
// tab (GraphiQL's persisted headers), types an operation, runs it and follows its results.
// Usage: node graphiql-realtime.mjs <gatewayUrl> <screenshot.png> <query-file> <node_modules>
//          <headers-json-file> <mode> <expected>
// mode "once": waits until the response shows every comma-separated string of <expected>, prints
//   "RESULT <json string>". mode "changes": prints "FIRST <json string>" when a first result shows <expected>, then
//   waits (60 s) until the response changes and prints "NEXT <json string>".
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const [url, screenshot, queryFile, modules, headersFile, mode, expected] = process.argv.slice(2);
const require = createRequire(modules + "/");
const { chromium } = require("playwright-core");
const query = readFileSync(queryFile, "utf8");
const headers = readFileSync(headersFile, "utf8");
const wanted = expected.split(",");

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
const response = () => {
  const cm = document.querySelector(".graphiql-response .CodeMirror");
  return cm && cm.CodeMirror ? cm.CodeMirror.getValue() : "";
};
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const sockets = [];
  page.on("websocket", (ws) => sockets.push(ws.url()));
  await page.addInitScript((h) => localStorage.setItem("graphiql:headers", h), headers);
  await page.goto(url, { waitUntil: "load", timeout: 30000 });
  const editor = page.locator(".graphiql-query-editor .CodeMirror").first();
  await editor.waitFor({ timeout: 30000 });
  await editor.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(query);
  await page.locator(".graphiql-execute-button").first().click();
  await page.waitForFunction(
    ([read, all]) => {
      const text = new Function("return (" + read + ")()")();
      return all.every((w) => text.includes(w));
    },
    [response.toString(), wanted],
    { timeout: 30000 },
  );
  const first = await page.evaluate(response);
  if (mode === "changes") {
    console.log("FIRST " + JSON.stringify(first));
    await page.waitForFunction(
      ([read, before]) => {
        const text = new Function("return (" + read + ")()")();
        return text !== before && text.includes('"data"');
      },
      [response.toString(), first],
      { timeout: 60000 },
    );
    console.log("NEXT " + JSON.stringify(await page.evaluate(response)));
    console.log("SOCKETS " + JSON.stringify(sockets));
  } else {
    console.log("RESULT " + JSON.stringify(first));
  }
  await page.screenshot({ path: screenshot, fullPage: true });
} finally {
  await browser.close();
}
