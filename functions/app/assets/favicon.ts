/** The site's icon: a green circle with a smile. */
export const favicon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="15" fill="#3f6152"/><path d="M9 17c3 4 11 4 14 0" stroke="#fff" stroke-width="2.5" fill="none" stroke-linecap="round"/></svg>';
