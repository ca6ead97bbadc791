// A scripted OpenAI-compatible provider for the end-to-end tests (POST /v1/chat/completions on loopback). It answers
// every spin request with three rewrites of the e2e spec's template body, one of which drops its variable, so the
// dashboard shows accepted variants and a rejected one. Started and stopped by start-server.sh.
import { createServer } from "node:http";

const port = Number(process.env.E2E_AI_PORT ?? 18090);
const variants = [
  "Hi {{ first_name | there }}, great to see you again!",
  "Hey {{ first_name | there }}, welcome back to the shop!",
  "Welcome back, friend!",
];

createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          error: { message: `no route ${req.method} ${req.url}` },
        }),
      );
      return;
    }
    const model = JSON.parse(body || "{}").model ?? "fake";
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        id: "chatcmpl-e2e",
        object: "chat.completion",
        created: Math.floor(Date.now() / 1000),
        model,
        choices: [
          {
            index: 0,
            message: { role: "assistant", content: JSON.stringify(variants) },
            finish_reason: "stop",
          },
        ],
        usage: { prompt_tokens: 50, completion_tokens: 40, total_tokens: 90 },
      }),
    );
  });
}).listen(port, "127.0.0.1");
