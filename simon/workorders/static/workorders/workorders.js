/* The work order page: a signature pad on a <canvas> that stores a PNG data URL in a hidden
   input, and forms on demand. htmx.onLoad runs for the page and for every swapped-in section. */
(function () {
  "use strict";

  function initSignature(box) {
    if (box.dataset.ready) return;
    box.dataset.ready = "1";
    var canvas = box.querySelector("canvas");
    var input = box.querySelector("input[type=hidden]");
    var ctx = canvas.getContext("2d");
    ctx.lineWidth = 2.5;
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.strokeStyle = "#1d2430";
    if (input.value) {
      var img = new Image();
      img.onload = function () { ctx.drawImage(img, 0, 0, canvas.width, canvas.height); };
      img.src = input.value;
    }
    var drawing = false;
    function point(event) {
      // The canvas is scaled by CSS; map the pointer to its own pixels.
      var rect = canvas.getBoundingClientRect();
      return [
        (event.clientX - rect.left) * canvas.width / rect.width,
        (event.clientY - rect.top) * canvas.height / rect.height,
      ];
    }
    canvas.addEventListener("pointerdown", function (event) {
      drawing = true;
      canvas.setPointerCapture(event.pointerId);
      var p = point(event);
      ctx.beginPath();
      ctx.moveTo(p[0], p[1]);
      event.preventDefault();
    });
    canvas.addEventListener("pointermove", function (event) {
      if (!drawing) return;
      var p = point(event);
      ctx.lineTo(p[0], p[1]);
      ctx.stroke();
    });
    function finish() {
      if (!drawing) return;
      drawing = false;
      input.value = canvas.toDataURL("image/png");
    }
    canvas.addEventListener("pointerup", finish);
    canvas.addEventListener("pointercancel", finish);
    box.querySelector("[data-clear]").addEventListener("click", function () {
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      input.value = "";
    });
  }

  htmx.onLoad(function (root) {
    var boxes = root.querySelectorAll ? root.querySelectorAll("[data-signature]") : [];
    boxes.forEach(initSignature);
  });

  // A link to a form inside a closed <details> (the header's 'Inplannen') opens it first.
  function openTarget(hash) {
    var target = hash && hash.length > 1 ? document.getElementById(hash.slice(1)) : null;
    var details = target ? target.closest("details") : null;
    if (details && !details.open) details.open = true;
    if (target) target.scrollIntoView({ block: "start" });
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest('a[href^="#"]') : null;
    if (link) openTarget(link.getAttribute("href"));
  });
  openTarget(window.location.hash);
})();
