"""Reads a rendered HTML form back into POST data, so tests submit the real form with one field changed."""

from html.parser import HTMLParser


class _Pembaca(HTMLParser):
    def __init__(self, form_id: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.dalam = False
        self.selesai = False
        self.data: dict[str, str | None] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and not self.selesai and (self.form_id is None or a.get("id") == self.form_id):
            self.dalam = True
        if tag == "option" and self._select is not None:
            if "selected" in a or self.data[self._select] is None:  # no selection: the first option is sent
                self.data[self._select] = a.get("value") or ""
            return
        milik = a.get("form")  # an element outside the form that names it with form="…" belongs to it
        if not (self.dalam and milik is None) and not (milik is not None and milik == self.form_id):
            return
        nama = a.get("name")
        if tag == "input" and nama:
            jenis = (a.get("type") or "text").lower()
            if jenis in ("submit", "button", "file", "image", "reset"):
                return
            if jenis in ("checkbox", "radio"):
                if "checked" in a:
                    self.data[nama] = a.get("value") or "on"
                return
            self.data[nama] = a.get("value") or ""
        elif tag == "select" and nama:
            self._select = nama
            self.data[nama] = None
        elif tag == "textarea" and nama:
            self._textarea = nama
            self.data[nama] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # browsers drop the newline Django puts after <textarea>
            self.data[self._textarea] = self.data[self._textarea].removeprefix("\n")
            self._textarea = None
        elif tag == "form" and self.dalam:
            self.dalam, self.selesai = False, True

    def handle_data(self, data):
        if self._textarea is not None:
            self.data[self._textarea] += data


def form_data(html: str, form_id: str | None = None) -> dict[str, str]:
    """The values a browser would send for the first form (or the form with ``form_id``) of ``html``."""
    pembaca = _Pembaca(form_id)
    pembaca.feed(html)
    pembaca.data.pop("csrfmiddlewaretoken", None)
    return {k: v or "" for k, v in pembaca.data.items()}
