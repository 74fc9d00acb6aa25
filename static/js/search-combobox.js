// Predictive search for the header's search form, as a WAI-ARIA combobox with a listbox popup.
// Without this module the form is a plain GET form to /search/, which is all it needs to work.
//
// Keys: ArrowDown/ArrowUp move through suggestions (opening the list), Home/End jump, Enter opens
// the active suggestion (or submits the form when none is active), Escape closes the list (and
// clears the box when it is already closed). Results are announced through a polite live region.

const MIN_LENGTH = 2;
const DEBOUNCE_MS = 150;

function enhance(form) {
  const input = form.querySelector('input[name="q"]');
  const listbox = form.querySelector('[role="listbox"]');
  const status = form.querySelector("[data-search-status]");
  const endpoint = form.dataset.autocompleteUrl;
  if (!input || !listbox || !endpoint) return;

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listbox.id);
  input.setAttribute("aria-haspopup", "listbox");

  let options = [];
  let active = -1;
  let timer = null;
  let controller = null;
  let lastQuery = null;

  function announce(text) {
    if (status) status.textContent = text;
  }

  function setActive(index) {
    options.forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
    active = index;
    if (index >= 0 && options[index]) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function close() {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    setActive(-1);
  }

  function open() {
    if (!options.length) return;
    listbox.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function option(id, url, build) {
    const li = document.createElement("li");
    li.id = id;
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", "false");
    li.className = "search-suggest__option";
    li.dataset.url = url;
    build(li);
    // mousedown, not click: it fires before the input's blur closes the list.
    li.addEventListener("mousedown", (event) => {
      event.preventDefault();
      window.location.assign(url);
    });
    return li;
  }

  function render(data) {
    listbox.replaceChildren();
    options = data.results.map((item, i) =>
      option(`${listbox.id}-option-${i}`, item.url, (li) => {
        if (item.thumbnail) {
          const img = document.createElement("img");
          img.src = item.thumbnail;
          img.alt = "";
          img.width = 40;
          img.height = 50;
          img.className = "search-suggest__thumb";
          li.append(img);
        } else {
          const blank = document.createElement("span");
          blank.className = "search-suggest__thumb";
          li.append(blank);
        }
        const text = document.createElement("span");
        text.className = "search-suggest__text";
        const name = document.createElement("span");
        name.className = "search-suggest__name";
        name.textContent = item.name;
        const price = document.createElement("span");
        price.className = "search-suggest__price";
        price.textContent = item.price;
        text.append(name, price);
        li.append(text);
      }),
    );
    const all = option(`${listbox.id}-option-all`, data.search_url, (li) => {
      li.classList.add("search-suggest__all");
      li.textContent = `See all results for “${data.query}”`;
    });
    options.push(all);
    listbox.append(...options);
    setActive(-1);
    open();
    const count = data.results.length;
    announce(
      count
        ? `${count} suggestion${count === 1 ? "" : "s"}. Use the up and down arrows to choose.`
        : "No suggested products. Press Enter to search.",
    );
  }

  async function fetchSuggestions(query) {
    if (controller) controller.abort();
    controller = new AbortController();
    try {
      const url = `${endpoint}?${new URLSearchParams({ q: query })}`;
      const response = await fetch(url, {
        headers: { Accept: "application/json" },
        signal: controller.signal,
      });
      if (!response.ok) return;
      const data = await response.json();
      if (input.value.trim() !== query) return; // typed on since
      lastQuery = query;
      render(data);
    } catch (error) {
      if (error.name !== "AbortError") close();
    }
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    const query = input.value.trim();
    if (query.length < MIN_LENGTH) {
      if (controller) controller.abort();
      lastQuery = null;
      options = [];
      listbox.replaceChildren();
      close();
      announce("");
      return;
    }
    timer = setTimeout(() => fetchSuggestions(query), DEBOUNCE_MS);
  });

  input.addEventListener("keydown", (event) => {
    const isOpen = !listbox.hidden;
    switch (event.key) {
      case "ArrowDown":
        if (!options.length) return;
        event.preventDefault();
        if (!isOpen) open();
        setActive(active < options.length - 1 ? active + 1 : 0);
        break;
      case "ArrowUp":
        if (!options.length) return;
        event.preventDefault();
        if (!isOpen) open();
        setActive(active > 0 ? active - 1 : options.length - 1);
        break;
      case "Home":
      case "End":
        if (!isOpen || active < 0) return;
        event.preventDefault();
        setActive(event.key === "Home" ? 0 : options.length - 1);
        break;
      case "Enter":
        if (isOpen && active >= 0) {
          event.preventDefault();
          window.location.assign(options[active].dataset.url);
        }
        break;
      case "Escape":
        if (isOpen) {
          event.preventDefault();
          close();
        } else if (input.value) {
          event.preventDefault();
          input.value = "";
          options = [];
          listbox.replaceChildren();
          lastQuery = null;
          announce("");
        }
        break;
      default:
    }
  });

  input.addEventListener("focus", () => {
    if (options.length && input.value.trim() === lastQuery) open();
  });
  input.addEventListener("blur", () => close());
}

document.querySelectorAll("form[data-search-combobox]").forEach(enhance);
