"""履职考核 tab pieces: the results model, the grade chart and the dialogs (one module each)."""
