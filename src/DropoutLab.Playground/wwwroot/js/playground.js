// The page's few browser-side helpers: drawing the plane, receiving a dropped CSV, saving a file.
window.dropoutLab = {
  // points: flat [x, y, label, isTest, ...] with x, y in [0, 1] (0 = low edge); kept on the canvas for redraws.
  setPoints(canvas, points) {
    canvas.dlPoints = points;
  },

  // values: steps × steps bytes, row 0 at the lowest x2; mode "probability" maps 0 → blue, 128 → white, 255 → orange,
  // "spread" maps 0 → white, 255 → violet.
  drawPlane(canvas, steps, values, mode) {
    const context = canvas.getContext('2d');
    const image = context.createImageData(steps, steps);
    for (let r = 0; r < steps; r++) {
      for (let c = 0; c < steps; c++) {
        const v = values[r * steps + c] / 255;
        const o = ((steps - 1 - r) * steps + c) * 4;
        let red, green, blue;
        if (mode === 'spread') {
          red = 255 - 120 * v; green = 255 - 200 * v; blue = 255 - 40 * v;
        } else if (v < 0.5) {
          const t = (0.5 - v) * 2; red = 255 - 190 * t; green = 255 - 140 * t; blue = 255 - 60 * t;
        } else {
          const t = (v - 0.5) * 2; red = 255 - 30 * t; green = 255 - 130 * t; blue = 255 - 200 * t;
        }
        image.data[o] = red; image.data[o + 1] = green; image.data[o + 2] = blue; image.data[o + 3] = 255;
      }
    }
    const scratch = document.createElement('canvas');
    scratch.width = steps; scratch.height = steps;
    scratch.getContext('2d').putImageData(image, 0, 0);
    context.imageSmoothingEnabled = true;
    context.drawImage(scratch, 0, 0, canvas.width, canvas.height);
    const points = canvas.dlPoints || [];
    for (let i = 0; i + 3 < points.length; i += 4) {
      const x = points[i] * canvas.width, y = (1 - points[i + 1]) * canvas.height;
      context.beginPath();
      context.arc(x, y, 2.6, 0, 2 * Math.PI);
      const color = points[i + 2] > 0.5 ? '#b3400f' : '#1f4e99';
      if (points[i + 3] > 0.5) {
        context.strokeStyle = color; context.lineWidth = 1.2; context.stroke();
      } else {
        context.fillStyle = color; context.fill();
      }
    }
  },

  // Calls OnCsv(name, text) on the .NET object for a file dropped on the element or chosen in its file input.
  registerDrop(element, dotnet) {
    const read = file => {
      if (!file) return;
      const reader = new FileReader();
      reader.onload = () => dotnet.invokeMethodAsync('OnCsv', file.name, String(reader.result));
      reader.onerror = () => dotnet.invokeMethodAsync('OnCsvError', file.name, String(reader.error));
      reader.readAsText(file);
    };
    const page = document.body;
    page.addEventListener('dragover', event => { event.preventDefault(); element.classList.add('dragging'); });
    page.addEventListener('dragleave', () => element.classList.remove('dragging'));
    page.addEventListener('drop', event => {
      event.preventDefault();
      element.classList.remove('dragging');
      if (event.dataTransfer && event.dataTransfer.files.length > 0) read(event.dataTransfer.files[0]);
    });
    const input = element.querySelector('input[type=file]');
    if (input) input.addEventListener('change', () => { read(input.files[0]); input.value = ''; });
  },

  // Milliseconds since the navigation started.
  sinceNavigation() {
    return performance.now();
  },

  download(name, text) {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  },
};
