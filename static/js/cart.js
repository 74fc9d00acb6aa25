// Makes the cart feel instant. Every form here works without this script; it only enhances.
const live = document.querySelector("[data-messages]");
const counts = document.querySelectorAll("[data-cart-count]");

function announce(text, ok) {
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

function updateCart(data, form) {
  counts.forEach((el) => { el.textContent = data.count; });
  const cart = document.querySelector("[data-cart]");
  if (!cart) return;
  if (data.count === 0) { window.location.reload(); return; }
  const row = form.closest("[data-cart-line]");
  if (row) {
    if (data.quantity === 0) row.remove();
    else {
      const total = row.querySelector("[data-line-total]");
      if (total) total.textContent = data.display.line_total;
      const input = row.querySelector('input[name="quantity"]');
      if (input) input.value = data.quantity;
    }
  }
  for (const [name, text] of Object.entries(data.display)) {
    const el = cart.querySelector(`[data-total="${name}"]`);
    if (el) el.textContent = text;
  }
  const free = cart.querySelector("[data-free-shipping]");
  if (free) free.hidden = !data.display.to_free_shipping;
  if (free && data.display.to_free_shipping) free.textContent = `Add ${data.display.to_free_shipping} more for free shipping.`;
}

async function submitCartForm(event) {
  const form = event.target.closest("form[data-cart-form]");
  if (!form) return;
  event.preventDefault();
  const button = form.querySelector('button[type="submit"]');
  if (button) button.disabled = true;
  try {
    const response = await fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    const data = await response.json();
    announce(data.message, data.ok);
    updateCart(data, form);
  } catch {
    form.submit(); // Network or parsing trouble: fall back to the plain form post.
  } finally {
    if (button) button.disabled = false;
  }
}

document.addEventListener("submit", submitCartForm);

// Quantity steppers: the +/- buttons are hidden until this script can drive them.
document.querySelectorAll("[data-stepper]").forEach((stepper) => {
  const input = stepper.querySelector("input");
  stepper.querySelectorAll("[data-step]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => {
      const min = Number(input.min || 1);
      const max = Number(input.max || 99);
      const next = Math.min(max, Math.max(min, (Number(input.value) || min) + Number(button.dataset.step)));
      input.value = next;
    });
  });
});

// Sort selects apply on change; the Apply button stays for keyboard users without this script.
document.querySelectorAll("form[data-autosubmit]").forEach((form) => {
  const button = form.querySelector("[data-autosubmit-button]");
  if (button) button.hidden = true;
  form.addEventListener("change", () => form.requestSubmit());
});
