// Asks the reason for a second order of a once-a-year kind only when such a kind is chosen
// (options marked data-needs-reason, reports/orders/due.py); the server checks it anyway.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const kind = document.getElementById("new-order-kind");
  const field = document.getElementById("new-order-reason-field");
  const reason = document.getElementById("new-order-reason");
  if (!kind || !field || !reason) {
    return;
  }
  const show = () => {
    const option = kind.options[kind.selectedIndex];
    const needed = Boolean(option && option.hasAttribute("data-needs-reason"));
    field.hidden = !needed;
    reason.required = needed;
  };
  kind.addEventListener("change", show);
  show();
});
