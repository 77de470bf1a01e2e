// The platform's page behaviour that is not htmx's, as a file: the Content-Security-Policy allows no
// inline event handler (issue 20 item 7).
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target instanceof HTMLSelectElement && target.hasAttribute("data-submit-on-change")) {
    target.form.submit();
  }
});
// A form posted by htmx that asks for it is emptied once the server took it (the session's message box).
document.addEventListener("htmx:afterRequest", function (event) {
  var form = event.target;
  if (form instanceof HTMLFormElement && form.hasAttribute("data-reset-on-success") && event.detail.successful) {
    form.reset();
  }
});
