"""Board widgets: panes (DataTable), header, search bar, error bar."""
