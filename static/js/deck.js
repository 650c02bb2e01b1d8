// The member-consultation deck: one slide a screen; arrow keys, Page Up/Down, Home/End
// and the buttons move between slides; the address keeps the slide (#3) for reloads.
(function () {
  const deck = document.querySelector("[data-deck]");
  if (!deck) return;
  const slides = Array.from(deck.querySelectorAll(".slide"));
  const counter = document.querySelector("[data-deck-counter]");
  const format = deck.dataset.counterFormat;
  let current = 0;

  function show(index) {
    current = Math.max(0, Math.min(slides.length - 1, index));
    slides.forEach((slide, i) => { slide.hidden = i !== current; });
    counter.textContent = format.replace("%(n)s", current + 1).replace("%(total)s", slides.length);
    history.replaceState(null, "", "#" + (current + 1));
  }

  document.body.classList.add("deck-one-at-a-time");
  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const moves = { ArrowRight: 1, ArrowDown: 1, PageDown: 1, " ": 1, ArrowLeft: -1, ArrowUp: -1, PageUp: -1 };
    if (event.key in moves) { show(current + moves[event.key]); event.preventDefault(); }
    else if (event.key === "Home") { show(0); event.preventDefault(); }
    else if (event.key === "End") { show(slides.length - 1); event.preventDefault(); }
  });
  document.querySelector("[data-deck-next]").addEventListener("click", () => show(current + 1));
  document.querySelector("[data-deck-previous]").addEventListener("click", () => show(current - 1));
  show((parseInt(location.hash.slice(1), 10) || 1) - 1);
})();
