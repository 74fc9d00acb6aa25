// The header's cart count follows every cart change that cart-forms.js makes without a reload.
const counts = document.querySelectorAll("[data-cart-count]");

document.addEventListener("cart:changed", (event) => {
  counts.forEach((el) => { el.textContent = event.detail.count; });
});
