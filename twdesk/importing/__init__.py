"""The one row-import engine: read any sheet, find the header, check every row with the
entity's own service checks, collect problems per row and column, all-or-nothing."""
