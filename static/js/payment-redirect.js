// The signed payment form goes to the provider on its own; without this script the shopper
// presses its visible "Continue" button instead.
const form = document.querySelector("form[data-payment-redirect]");
if (form) form.submit();
