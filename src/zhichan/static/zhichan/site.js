// The platform's page behaviour that is not htmx's, as a file: the Content-Security-Policy allows no
// inline event handler (issue 20 item 7).
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target instanceof HTMLSelectElement && target.hasAttribute("data-submit-on-change")) {
    target.form.submit();
  }
});
