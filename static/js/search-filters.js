// Search filters start open where there is room for them beside the results (56em, as in CSS).
const filters = document.querySelector("[data-search-filters]");
if (filters && window.matchMedia("(width >= 56em)").matches) filters.open = true;
