/* Behaviour the pages used to carry in inline handlers, which the Content-Security-Policy
   forbids: a select or checkbox with data-autosubmit submits its form when changed. */
document.addEventListener("change", function (event) {
  const field = event.target.closest("[data-autosubmit]");
  if (field && field.form) {
    field.form.requestSubmit();
  }
});
