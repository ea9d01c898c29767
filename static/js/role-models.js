// Offers only the role models of the chosen form of mentoring (registry/forms/role_models.py).
"use strict";

function narrowRoleModels(select) {
  const formSelect = select.form && select.form.elements.namedItem(select.dataset.roleModelsOf);
  if (!formSelect) {
    return;
  }
  const show = () => {
    for (const option of select.options) {
      if (!option.value) {
        continue;
      }
      const fits = option.dataset.form === formSelect.value;
      option.hidden = !fits;
      option.disabled = !fits;
      if (!fits && option.selected) {
        select.value = "";
      }
    }
  };
  formSelect.addEventListener("change", show);
  show();
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("select[data-role-models-of]").forEach(narrowRoleModels);
});
