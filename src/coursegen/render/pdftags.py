"""The PDF's structure tree: one structure element per HTML element, for the whole document.

WeasyPrint 70 builds the tree once per page, so a paragraph or a list that continues on the
next page becomes two elements, and it lets an LI hold anything. This builder replaces its
`add_tags`: it reads the laid-out boxes of every page in order, keeps one `Node` per HTML element
across pages (a continuation adds its content to the same node), fits what PDF/UA-1 allows
(L holds L/LI/Caption, LI holds Lbl/LBody), then writes the tree and the ParentTree.

Content drawn for margin boxes (running header, "Page N of M") is not here: it is drawn as
Pagination artifacts (see pdftext.py) and has no marked-content identifier.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pydyf
from weasyprint.formatting_structure import boxes
from weasyprint.layout.absolute import AbsolutePlaceholder
from weasyprint.logger import LOGGER

from .pdftext import actual_text

Box = Any  # WeasyPrint's boxes, elements and pydyf objects are untyped: Any stays at this edge

# HTML element → structure type. Elements not here are Div (block) or, inline, nothing of their
# own unless they carry a language (then Span); li, dt and dd depend on their parent.
ROLES = {
    "div": "Div", "p": "P", "pre": "P", "main": "Part", "article": "Art", "section": "Sect",
    "blockquote": "BlockQuote", "h1": "H1", "h2": "H2", "h3": "H3", "h4": "H4", "h5": "H5",
    "h6": "H6", "ul": "L", "ol": "L", "dl": "L", "table": "Table", "caption": "Caption",
    "thead": "THead", "tbody": "TBody", "tfoot": "TFoot", "tr": "TR", "th": "TH", "td": "TD",
    "img": "Figure", "{http://www.w3.org/2000/svg}svg": "Figure", "figcaption": "Caption",
}  # fmt: skip
TRANSPARENT = {"html", "body", "br", "hr", "wbr"}


@dataclass(eq=False)
class Content:
    """A marked-content sequence: its page and its MCID there."""

    page: int
    mcid: int


@dataclass(eq=False)
class Annotation:
    """A link or widget annotation, referenced from the tree by an OBJR."""

    page: int
    annotation: Any


@dataclass(eq=False)
class Node:
    role: str
    page: int
    attributes: dict[str, Any] = field(default_factory=dict)
    kids: list[Node | Content | Annotation] = field(default_factory=list)
    definitions: bool = False  # an L made from a dl: its dt and dd pair up into LI
    body: Node | None = None  # an LI's LBody, made when the LI gets content other than Lbl
    item: Node | None = None  # a dl's LI that the next dd joins

    def has_content(self) -> bool:
        return any(not isinstance(kid, Node) or kid.has_content() for kid in self.kids)


class TreeBuilder:
    """Reads pages in order; `nodes` maps each HTML element (and pseudo-element) to its node."""

    def __init__(self) -> None:
        self.root = Node("Document", 0)
        self.nodes: dict[tuple[Any, str], Node] = {}
        self.annotations: set[int] = set()

    def add_page(self, page: int, page_box: Box, tags: dict[Box, dict[str, Any]]) -> None:
        self._visit(page_box, self.root, page, tags)
        if tags:
            raise AssertionError(f"marked content outside the structure tree: {list(tags)[:3]}")

    def _visit(self, box: Box, parent: Node, page: int, tags: dict[Box, dict[str, Any]]) -> None:
        if isinstance(box, AbsolutePlaceholder):
            box = box._box
        if isinstance(box, boxes.MarginBox):
            return  # drawn as a Pagination artifact, never tagged
        if isinstance(box, boxes.TextBox):
            self._content(parent, box, page, tags)
            return
        node = self._node(box, parent, page)
        if isinstance(box, boxes.ReplacedBox):
            self._content(node, box, page, tags)
        self._annotate(node, box, page)
        for child in getattr(box, "children", ()):
            self._visit(child, node, page, tags)

    def _content(self, node: Node, box: Box, page: int, tags: dict[Box, dict[str, Any]]) -> None:
        tag = tags.pop(box, None)
        if tag is None:  # drawn as an artifact, or not drawn
            return
        holder = self._container(node, None, page)
        text = actual_text(box) if isinstance(box, boxes.TextBox) else None
        if text is not None:  # the line's end: a space or a layout hyphen (see pdftext.py)
            span = Node("Span", page, {"ActualText": pydyf.String(text)})
            holder.kids.append(span)
            holder = span
        holder.kids.append(Content(page, tag["mcid"]))

    def _annotate(self, node: Node, box: Box, page: int) -> None:
        for annotation in (box.link_annotation, box.widget_annotation):
            if annotation is not None and id(annotation) not in self.annotations:
                self.annotations.add(id(annotation))
                holder = node
                if annotation is box.widget_annotation:
                    holder = Node("Form", page)
                    self._container(node, "Form", page).kids.append(holder)
                holder.kids.append(Annotation(page, annotation))

    def _node(self, box: Box, parent: Node, page: int) -> Node:
        """The node of the box's element: the one made on an earlier page, a new one, or the
        parent's (anonymous boxes, html and body, inline elements with no language)."""
        element, tag = box.element, box.element_tag
        if element is None or not isinstance(tag, str):
            return parent
        key = (element, tag)
        if key in self.nodes:
            return self.nodes[key]
        role = _role(box, tag, parent)
        if role is None:
            return parent
        node = Node(role, page, _attributes(box, tag, role), definitions=tag == "dl")
        container = self._container(parent, role, page)
        container.kids.append(node)
        if container.role == "LI" and role == "LBody":
            container.body = node
        self.nodes[key] = node
        return node

    def _container(self, parent: Node, role: str | None, page: int) -> Node:
        """Where a kid of this role (None: marked content) goes in `parent`, within PDF/UA's
        rules: an LI holds Lbl and one LBody, an L holds L, LI and Caption."""
        if parent.role == "LI":
            if role in ("Lbl", "LBody"):
                return parent
            if parent.body is None:
                parent.body = Node("LBody", page)
                parent.kids.append(parent.body)
            return parent.body
        if parent.role == "L":
            if parent.definitions and role in ("Lbl", "LBody"):
                item = parent.item  # dt opens an item unless the current one has no dd yet
                if item is None or (role == "Lbl" and item.body is not None):
                    item = parent.item = Node("LI", page)
                    parent.kids.append(item)
                return item
            if role in ("L", "LI", "Caption"):
                return parent
            item = Node("LI", page)  # stray content in a list: an item of its own
            parent.kids.append(item)
            return self._container(item, role, page)
        return parent


def _role(box: Box, tag: str, parent: Node) -> str | None:
    if "::" in tag:
        return "Lbl" if tag.endswith("::marker") and parent.role == "LI" else None
    if tag in TRANSPARENT:
        return None
    in_definitions = parent.role == "L" and parent.definitions
    if tag == "li":
        return "LI" if parent.role == "L" and not parent.definitions else "Div"
    if tag in ("dt", "dd"):
        if in_definitions:
            return "Lbl" if tag == "dt" else "LBody"
        return "P" if tag == "dt" else "Div"
    if tag == "div" and in_definitions:
        return None  # <dl><div><dt>…<dd>…</div></dl>: its dt and dd belong to the list
    if tag == "a" and box.link_annotation is not None:
        return "Link"
    if tag in ROLES:
        return ROLES[tag]
    if isinstance(box, boxes.InlineLevelBox) and not isinstance(box, boxes.AtomicInlineLevelBox):
        return "Span" if box.element.get("lang") else None
    return "Div"


def _attributes(box: Box, tag: str, role: str) -> dict[str, Any]:
    attributes: dict[str, Any] = {}
    lang = box.element.get("lang")
    if lang and "::" not in tag:
        attributes["Lang"] = pydyf.String(lang)
    if role == "Figure":
        alt = box.element.get("alt")
        if tag.endswith("}svg"):
            title = box.element.find("{http://www.w3.org/2000/svg}title")
            alt = title.text if title is not None else None
        if alt:
            attributes["Alt"] = pydyf.String(alt)
    elif role in ("TH", "TD"):
        table = pydyf.Dictionary({"O": "/Table"})
        if role == "TH":
            scope = (box.element.get("scope") or "col").lower()
            table["Scope"] = "/Row" if scope.startswith("row") else "/Column"
        if getattr(box, "colspan", 1) != 1:
            table["ColSpan"] = box.colspan
        if getattr(box, "rowspan", 1) != 1:
            table["RowSpan"] = box.rowspan
        attributes["A"] = table
    return attributes


def add_tags(pdf: Any, document: Any, pdf_version: Any, page_streams: list[Any]) -> None:
    """Replaces weasyprint.pdf.tags.add_tags: the tree of the whole document, then the
    ParentTree (per page, MCID → its element; then each annotation → its element)."""
    builder = TreeBuilder()
    for number, (page, stream) in enumerate(zip(document.pages, page_streams, strict=True)):
        builder.add_page(number, page._page_box, stream._tags)
    writer = _Writer(pdf, len(document.pages))
    tree_root = pydyf.Dictionary({"Type": "/StructTreeRoot"})
    pdf.add_object(tree_root)
    top = writer.write(builder.root, tree_root.reference)
    tree_root["K"] = pydyf.Array([top.reference])
    if str(pdf_version) >= "2.0":
        namespace = pydyf.Dictionary(
            {"Type": "/Namespace", "NS": pydyf.String("http://iso.org/pdf2/ssn")}
        )
        pdf.add_object(namespace)
        tree_root["Namespaces"] = pydyf.Array([namespace.reference])
        for element in writer.elements:
            element["NS"] = namespace.reference
    parent_tree = pydyf.Dictionary({"Nums": writer.parent_tree_nums()})
    pdf.add_object(parent_tree)
    tree_root["ParentTree"] = parent_tree.reference
    tree_root["ParentTreeNextKey"] = len(document.pages) + len(writer.annotations)
    pdf.catalog["StructTreeRoot"] = tree_root.reference
    pdf.catalog["MarkInfo"] = pydyf.Dictionary({"Marked": "true"})
    pdf.catalog["ViewerPreferences"] = pydyf.Dictionary({"DisplayDocTitle": "true"})
    if "Lang" not in pdf.catalog:  # as WeasyPrint does: say so, and write an empty language
        LOGGER.error('Missing required "lang" attribute at the root of the document')
        pdf.catalog["Lang"] = pydyf.String()


class _Writer:
    """Writes nodes as StructElem objects, leaving out those with no content under them."""

    def __init__(self, pdf: Any, pages: int) -> None:
        self.pdf = pdf
        self.pages: list[dict[int, Any]] = [{} for _ in range(pages)]
        self.annotations: list[tuple[Any, Any]] = []
        self.elements: list[Any] = []

    def write(self, node: Node, parent: Any) -> Any:
        first = next((kid.page for kid in node.kids if isinstance(kid, Content)), node.page)
        element = pydyf.Dictionary({"Type": "/StructElem", "S": f"/{node.role}", "P": parent})
        element["Pg"] = self.pdf.page_references[first]
        element.update(node.attributes)
        self.pdf.add_object(element)
        self.elements.append(element)
        kids = pydyf.Array()
        for kid in node.kids:
            if isinstance(kid, Node):
                if kid.has_content():
                    kids.append(self.write(kid, element.reference).reference)
            elif isinstance(kid, Content):
                self.pages[kid.page][kid.mcid] = element.reference
                if kid.page == first:
                    kids.append(kid.mcid)
                else:
                    page = self.pdf.page_references[kid.page]
                    kids.append(pydyf.Dictionary({"Type": "/MCR", "Pg": page, "MCID": kid.mcid}))
            else:
                reference = pydyf.Dictionary(
                    {
                        "Type": "/OBJR",
                        "Obj": kid.annotation.reference,
                        "Pg": self.pdf.page_references[kid.page],
                    }
                )
                self.pdf.add_object(reference)
                kids.append(reference.reference)
                kid.annotation["StructParent"] = len(self.pages) + len(self.annotations)
                self.annotations.append((kid.annotation, element.reference))
        element["K"] = kids
        return element

    def parent_tree_nums(self) -> Any:
        nums = pydyf.Array()
        for number, by_mcid in enumerate(self.pages):
            if sorted(by_mcid) != list(range(len(by_mcid))):
                raise AssertionError(f"page {number + 1}: MCIDs {sorted(by_mcid)} not 0…n-1")
            nums.extend([number, pydyf.Array(by_mcid[mcid] for mcid in sorted(by_mcid))])
        for key, (_, element) in enumerate(self.annotations, start=len(self.pages)):
            nums.extend([key, element])
        return nums
