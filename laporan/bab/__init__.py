"""One module per part of the LKjIP (SAKIP.md §5): ``susun(dasar, penomor)`` returns the part as frozen plain data."""
