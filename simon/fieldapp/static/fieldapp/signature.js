/* A signature pad: draw with a finger, a pen or the mouse on a <canvas>; the answer is the
   drawing as a PNG data URL (what Simon accepts, see simon/forms/validation.py). */

export function pad(canvas, value, onChange) {
  const ctx = canvas.getContext("2d");
  ctx.lineWidth = 2.5;
  ctx.lineCap = "round";
  ctx.lineJoin = "round";
  ctx.strokeStyle = "#1d2430";
  let drawn = false;
  let drawing = false;

  if (value) {
    const image = new Image();
    image.onload = () => ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    image.src = value;
    drawn = true;
  }

  function point(event) {
    // The canvas is scaled by CSS; map the pointer to its own pixels.
    const rect = canvas.getBoundingClientRect();
    return [
      ((event.clientX - rect.left) * canvas.width) / rect.width,
      ((event.clientY - rect.top) * canvas.height) / rect.height,
    ];
  }

  canvas.addEventListener("pointerdown", (event) => {
    drawing = true;
    canvas.setPointerCapture(event.pointerId);
    const [x, y] = point(event);
    ctx.beginPath();
    ctx.moveTo(x, y);
    event.preventDefault();
  });
  canvas.addEventListener("pointermove", (event) => {
    if (!drawing) return;
    const [x, y] = point(event);
    ctx.lineTo(x, y);
    ctx.stroke();
    drawn = true;
  });
  const finish = () => {
    if (!drawing) return;
    drawing = false;
    onChange(drawn ? canvas.toDataURL("image/png") : "");
  };
  canvas.addEventListener("pointerup", finish);
  canvas.addEventListener("pointercancel", finish);

  return {
    clear() {
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      drawn = false;
      onChange("");
    },
  };
}
