"""The 首页 tab's pages: today's lines, the county overview, station assessment, rectification."""
