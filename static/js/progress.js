// Forms marked data-progress send themselves in the background and show progress:
// the upload as a percentage, then an indeterminate bar until the server answers (with
// the page that follows the background check or save).
// Without JavaScript the form still posts the ordinary way.
document.querySelectorAll("form[data-progress]").forEach((form) => {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const box = form.querySelector(".progress");
    const bar = box.querySelector("progress");
    const label = box.querySelector(".progress-label");
    box.hidden = false;
    form.querySelectorAll("button").forEach((button) => (button.disabled = true));
    const request = new XMLHttpRequest();
    request.open(form.method, form.action || window.location.href);
    request.upload.addEventListener("progress", (upload) => {
      if (upload.lengthComputable && label.dataset.uploading) {
        bar.max = 100;
        bar.value = Math.round((100 * upload.loaded) / upload.total);
        label.textContent = `${label.dataset.uploading} ${bar.value} %`;
      }
    });
    request.upload.addEventListener("load", () => {
      bar.removeAttribute("value");
      label.textContent = label.dataset.checking;
    });
    request.addEventListener("load", () => {
      if (request.getResponseHeader("Refresh")) {
        // A page that follows background work asks again by itself: open it for real.
        window.location.replace(request.responseURL);
        return;
      }
      window.history.replaceState(null, "", request.responseURL);
      document.open();
      document.write(request.responseText);
      document.close();
    });
    request.addEventListener("error", () => form.submit());
    request.send(new FormData(form));
  });
});
