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
