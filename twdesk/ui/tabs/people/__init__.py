"""联络站与代表: one widget per page; `people_tab.PeopleTab` assembles them."""
