// The polite live region under the header: scripts announce results there, like the server does.
const live = document.querySelector("[data-messages]");

export function announce(text, ok) {
  if (!live) return;
  const p = document.createElement("p");
  p.className = `message message--${ok ? "success" : "error"}`;
  const icon = document.createElement("span");
  icon.className = "message__icon";
  icon.setAttribute("aria-hidden", "true");
  icon.textContent = ok ? "✓" : "!";
  const body = document.createElement("span");
  body.textContent = text;
  p.append(icon, body);
  live.replaceChildren(p);
}
