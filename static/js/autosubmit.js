// Sort selects apply on change; the Apply button stays for keyboard users without this script.
document.querySelectorAll("form[data-autosubmit]").forEach((form) => {
  const button = form.querySelector("[data-autosubmit-button]");
  if (button) button.hidden = true;
  form.addEventListener("change", () => form.requestSubmit());
});
