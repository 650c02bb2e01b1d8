// On a phone the federation's menu folds behind a "Menu" button (the page keeps its width
// for the content); on a wide screen the button stays hidden and the menu shows in full.
// Without JavaScript the menu simply wraps.
document.querySelectorAll(".federation-nav .menu-toggle").forEach((button) => {
  const nav = button.closest("nav");
  nav.classList.add("collapsible");
  button.hidden = false;
  button.addEventListener("click", () => {
    const open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    nav.classList.toggle("open", open);
  });
});
