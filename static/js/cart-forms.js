// Makes the cart feel instant. Every cart form works without this script; it only enhances.
// After each change it dispatches "cart:changed" (detail: the server's JSON) for other modules.
import { announce } from "./messages.js";

function updateCartPage(data, form) {
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
    document.dispatchEvent(new CustomEvent("cart:changed", { detail: data }));
    updateCartPage(data, form);
  } catch {
    form.submit(); // Network or parsing trouble: fall back to the plain form post.
  } finally {
    if (button) button.disabled = false;
  }
}

document.addEventListener("submit", submitCartForm);
