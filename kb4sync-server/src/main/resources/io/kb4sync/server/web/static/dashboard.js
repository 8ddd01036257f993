// kb4sync dashboard: the only script. Polls a running run's progress and reloads the page when
// the run has ended. Everything else works without JavaScript.
document.addEventListener("DOMContentLoaded", function () {
  var box = document.querySelector("[data-poll]");
  if (!box) {
    return;
  }
  var url = box.getAttribute("data-poll");
  function tick() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("status " + response.status);
        }
        var open = response.headers.get("X-Run-Open");
        return response.text().then(function (html) {
          // The fragment is rendered by the server with every value escaped.
          box.innerHTML = html;
          if (open === "false") {
            window.location.reload();
          } else {
            setTimeout(tick, 1000);
          }
        });
      })
      .catch(function () {
        setTimeout(tick, 3000);
      });
  }
  setTimeout(tick, 1000);
});
