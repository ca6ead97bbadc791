// A scripted OpenAI-compatible provider for the end-to-end tests (POST /v1/chat/completions on loopback). Started and
// stopped by start-server.sh.
// - A request without tools (AI spin) gets three rewrites of the e2e spec's template body, one of which drops its
//   variable, so the dashboard shows accepted variants and a rejected one.
// - A request with tools (an agent answering) gets: a remember_fact tool call when the customer's last message
//   mentions peanuts and no tool has answered yet; after a tool's result, an answer acknowledging it; otherwise a
//   greeting.
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
    const request = JSON.parse(body || "{}");
    const { message, finishReason } =
      Array.isArray(request.tools) && request.tools.length > 0
        ? agentAnswer(request.messages ?? [])
        : {
            message: { role: "assistant", content: JSON.stringify(variants) },
            finishReason: "stop",
          };
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        id: "chatcmpl-e2e",
        object: "chat.completion",
        created: Math.floor(Date.now() / 1000),
        model: request.model ?? "fake",
        choices: [{ index: 0, message, finish_reason: finishReason }],
        usage: { prompt_tokens: 50, completion_tokens: 40, total_tokens: 90 },
      }),
    );
  });
}).listen(port, "127.0.0.1");

/** What an agent says next, given the conversation so far (OpenAI chat messages). */
function agentAnswer(messages) {
  const last = messages.at(-1);
  if (last?.role === "tool") {
    return say("Noted: no peanuts for you. How can I help?");
  }
  const lastCustomer = messages.findLast((m) => m.role === "user");
  const toolAnswered = messages.some((m) => m.role === "tool");
  if (!toolAnswered && /peanut/i.test(textOf(lastCustomer))) {
    return {
      message: {
        role: "assistant",
        content: null,
        tool_calls: [
          {
            id: "call_1",
            type: "function",
            function: {
              name: "remember_fact",
              arguments: JSON.stringify({ fact: "Is allergic to peanuts" }),
            },
          },
        ],
      },
      finishReason: "tool_calls",
    };
  }
  return say("Hello from your WhatsDeX agent!");
}

function say(text) {
  return {
    message: { role: "assistant", content: text },
    finishReason: "stop",
  };
}

/** A message's text: clients send it as a string or as content parts. */
function textOf(message) {
  const content = message?.content;
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content.map((part) => part?.text ?? "").join(" ");
  }
  return "";
}
