"""The redline engine on rendered HTML: word-level marks, structure kept, HTML always balanced."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from conftest import check_balanced
from policypress.diff.redline import redline, text_of
from policypress.diff.render import Renderer

render = Renderer()


def red(old_md: str, new_md: str):
    return redline(render(old_md).html, render(new_md).html)


def assert_balanced(html: str) -> None:
    check_balanced(html)


def marked(html: str, tag: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", m) for m in re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", html, re.S)]


def test_changed_words_only():
    result = red("We keep data for 30 days.", "We keep data for 15 business days.")
    assert marked(result.html, "del") == ["30 "]
    assert marked(result.html, "ins") == ["15 business"]
    assert result.words_added == 2 and result.words_removed == 1 and len(result.changes) == 1
    assert result.changes[0].kind == "replaced" and result.changes[0].before == "30"


def test_email_url_and_number_are_single_words():
    result = red("Write to privacy@example.com or https://example.com/a within 1,000 days.",
                 "Write to dpo@example.org or https://example.com/b within 1,500 days.")
    assert marked(result.html, "del") == ["privacy@example.com ", "https://example.com/a ", "1,000 "]
    assert marked(result.html, "ins") == ["dpo@example.org", "https://example.com/b", "1,500"]


def test_chinese_is_compared_character_by_character():
    result = red("我们会在十五个工作日内处理您的请求。", "我们会在七个工作日内处理您的请求。")
    assert marked(result.html, "del") == ["十五"]
    assert marked(result.html, "ins") == ["七"]


def test_sections_are_reported_with_their_anchor():
    old = "## 1. Data\n\nWe collect names.\n\n## 2. Sharing\n\nWe share nothing.\n"
    new = "## 1. Data\n\nWe collect names.\n\n## 2. Sharing\n\nWe share names with Acme.\n"
    result = red(old, new)
    assert [(s.id, s.title) for s in result.sections] == [("2-sharing", "2. Sharing")]


def test_list_items_and_table_rows_added_and_removed_keep_structure():
    old = "- apples\n- pears\n- plums\n\n| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n"
    new = "- apples\n- plums\n- cherries\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    result = red(old, new)
    assert_balanced(result.html)
    assert re.search(r'<li class="pp-deleted"><del[^>]*>pears</del></li>', result.html)
    assert re.search(r'<li class="pp-inserted"><ins[^>]*>cherries</ins></li>', result.html)
    assert result.html.count("<ul>") == 1  # one list, not three
    assert re.search(r"<tr><td class=\"pp-deleted\"><del[^>]*>3</del></td>", result.html)


def test_formatting_is_kept_and_balanced_across_marks():
    old = "We **never sell** your data to [partners](https://a.example)."
    new = "We **never sell or rent** your data to [our partners](https://a.example)."
    result = red(old, new)
    assert_balanced(result.html)
    assert "<strong>never sell </strong>" in result.html or "<strong>never sell" in result.html
    assert marked(result.html, "ins") == ["or rent", "our"]
    assert '<a href="https://a.example">' in result.html


def test_markup_shown_as_text_stays_text():
    result = red("Use `<b>` tags.", "Use `<script>` tags.")
    assert "<script" not in result.html and "&lt;" in result.html
    assert marked(result.html, "ins") == ["script"]
    assert_balanced(result.html)


def test_identical_documents_have_no_changes():
    text = "## A\n\nSame text.\n\n- one\n- two\n"
    result = red(text, text)
    assert result.changes == [] and "<ins" not in result.html and "<del" not in result.html


def test_whitespace_only_change_is_not_a_change():
    result = red("We  collect\tnames.", "We collect names.")
    assert result.changes == []


words = st.lists(st.sampled_from(["data", "we", "share", "**bold**", "`code`", "[link](x)", "<b>", "&", "中文", "1,000",
                                  "a@b.co", "the", "and", "rights", "data,", "rights.", "third-party", "(GDPR)", "e.g."]),
                 min_size=0, max_size=12)
blocks = st.lists(st.tuples(st.sampled_from(["", "- ", "## ", "> ", "1. ", "| "]), words), min_size=0, max_size=8)


def to_md(spec) -> str:
    return "\n\n".join(prefix + " ".join(ws) for prefix, ws in spec) + "\n"


@settings(max_examples=300, deadline=None)
@given(blocks, blocks)
def test_any_pair_gives_balanced_html_that_reads_as_both_versions(a, b):
    old_html, new_html = render(to_md(a)).html, render(to_md(b)).html
    result = redline(old_html, new_html)
    assert_balanced(result.html)
    without_del = re.sub(r"<del\b[^>]*>.*?</del>", " ", result.html, flags=re.S)
    without_ins = re.sub(r"<ins\b[^>]*>.*?</ins>", " ", result.html, flags=re.S)
    assert text_of(without_del).split() == text_of(new_html).split()
    assert text_of(without_ins).split() == text_of(old_html).split()


def test_link_target_and_emphasis_changes_are_formatting_changes():
    result = red("See [our terms](https://a.example/terms) *now*.", "See [our terms](https://b.example/terms) **now**.")
    assert [c.kind for c in result.changes] == ["formatting"]
    assert result.words_added == 0 and result.words_removed == 0
    assert 'class="pp-format"><a href="https://a.example/terms">our terms</a>' in result.html
    assert '<ins data-pp-change="1" class="pp-format"><a href="https://b.example/terms">our terms</a> <strong>now</strong></ins>' in result.html
    assert_balanced(result.html)


CHINESE_V1 = """## 5.8 响应上述请求

如果您无法通过上述方式访问、更正、删除或查看和编辑您的个人信息，您可以通过本政策规定的渠道与我们联系。我们将在十五个工作日内处理您的请求。

原则上，我们不对您的合理请求收取任何费用。

## 6. 儿童信息的保护

我们认为任何未满十四周岁的人都是儿童。
"""
CHINESE_V2 = (CHINESE_V1.replace("十五个工作日", "三十日")
              .replace("不对您的合理请求收取任何费用", "对您的每项请求收取费用")
              .replace("十四周岁", "十六周岁"))


def test_a_chinese_redline_marks_the_changed_characters_only():
    result = red(CHINESE_V1, CHINESE_V2)
    assert_balanced(result.html)
    deleted, inserted = marked(result.html, "del"), marked(result.html, "ins")
    assert deleted == ["五个工作", "不", "合理", "任何", "四"]  # 十五个工作日 → 三十日 keeps 十 and 日
    assert inserted == ["三", "每项", "六"]
    assert all(len(piece) <= 5 for piece in deleted + inserted)  # characters, not whole paragraphs
    assert [s.title for s in result.sections] == ["5.8 响应上述请求", "6. 儿童信息的保护"]


def test_a_moved_paragraph_is_shown_as_moved_with_its_edits():
    old = "## A\n\nThis paragraph about cookies will move to another section.\n\nStays here.\n\n## B\n\nAlso stays.\n"
    new = "## A\n\nStays here.\n\n## B\n\nAlso stays.\n\nThis paragraph about browser cookies will move to another section.\n"
    result = red(old, new)
    assert_balanced(result.html)
    assert [c.kind for c in result.changes] == ["moved"]
    assert result.words_added == 1 and result.words_removed == 0
    assert re.search(r'<p class="pp-moved-from"><del class="pp-moved" id="pp-change-1" data-pp-change="1">', result.html)
    assert '<ins class="pp-moved" id="pp-move-1-to" data-pp-change="1">' in result.html
    assert 'data-label="moved to “B”"' in result.html and 'data-label="moved from “A”"' in result.html
    assert '<mark class="pp-edit">browser </mark>' in result.html or '<mark class="pp-edit">browser</mark>' in result.html


def test_a_moved_paragraph_lists_the_section_it_left_and_the_one_it_reached():
    """#16: "Sections changed" named only where a moved paragraph went; a reader must find it missing from where it was."""
    old = ("## 3. Sharing\n\nWe share your address with our courier so that parcels arrive.\n\n## 4. Retention\n\n"
           "We keep orders for ten years.\n\n## 5. Your rights\n\nYou may ask for a copy.\n")
    new = ("## 3. Sharing\n\n## 4. Retention\n\nWe keep orders for ten years.\n\n## 5. Your rights\n\nYou may ask for a copy.\n\n"
           "We share your address with our courier so that parcels arrive.\n")
    result = red(old, new)
    assert [c.kind for c in result.changes] == ["moved"]
    change = result.changes[0]
    assert (change.moved_from.id, change.moved_from.title) == ("3-sharing", "3. Sharing")
    assert (change.section.id, change.section.title) == ("5-your-rights", "5. Your rights")
    assert [(s.id, s.title) for s in result.sections] == [("3-sharing", "3. Sharing"), ("5-your-rights", "5. Your rights")]
    assert result.sections_changed == 2
    from policypress.diff.redline import redline_data, redline_from_data  # and the cache keeps both ends
    assert redline_from_data(redline_data(result)).changes[0].moved_from == change.moved_from


def test_a_paragraph_moved_out_of_a_removed_section_names_it_as_removed():
    old = "## A\n\nThis paragraph about cookies will move to another section.\n\n## B\n\nAlso stays.\n"
    new = "## B\n\nAlso stays.\n\nThis paragraph about cookies will move to another section.\n"
    result = red(old, new)
    moved = next(c for c in result.changes if c.kind == "moved")
    assert (moved.moved_from.id, moved.moved_from.title) == (None, "A")  # no anchor left to link to
    assert (None, "A") in [(s.id, s.title) for s in result.sections]


def _shape(found) -> list:
    """Leaves as plain data: each container (tag, attributes, the redline's start tag, and which container
    it is), the items, list membership, the key, the plain text and a table cell's row."""
    from policypress.diff.blocks import plain_start, row_text
    numbers: dict[int, int] = {}
    shape = []
    for leaf in found:
        chain = [(numbers.setdefault(id(node), len(numbers)), node.tag, node.attrs,
                  plain_start(node.tag, node.attrs) if node.plain_start is None else node.plain_start)
                 for node in leaf.chain]
        shape.append((chain, leaf.items, leaf.in_list, leaf.key(), leaf.plain, row_text(leaf)))
    return shape


_SOUP = ["<p>", "</p>", "<p/>", "<li>", "</li>", "<ul>", "</ul>", "<ol start=\"3\">", "</ol>", "<table>", "</table>",
         "<tr>", "</tr>", "<td>", "</td>", "<th align=\"left\">", "<thead>", "<tbody>", "<em>", "</em>", "<strong>",
         "</strong>", "<a href=\"x&amp;y\" title='t'>", "</a>", "<br>", "<br/>", "<hr>", "<hr />", "<code>", "</code>",
         "We keep data.", "a  b", " ", "\n", "\t", "&amp;", "&nbsp;", "&#32;", "<!-- note -->", "<!--->",
         "<span class=\"a\" id=\"b\" class=\"c\">", "</span>", "<h2 id=\"s\">", "</h2>", "<div class=q>", "</div>",
         "<img src=x alt=\"y\">", "<svg><path/></svg>", "<dt>", "<dd>", "</dl>", "<dl>", "< b", "</em x>", "<P CLASS=\"u\">",
         "<blockquote>", "</blockquote>", "\u00a0", "<script>x</script>"]


_TRICKY = ["<ul><li>a<li>b</ul><p>x</p>", "<ul><li>a<ul><li>b</li></ul>c</li></ul>d", "<p>a<p>b</div>c",
           "<table><tr><td>a<td>b<tr><th>c</table>after", "<dl><dt>t<dd>d<dt>u</dl>", "<p/>x<p>y", "<li><hr>a</li>b",
           "<p>a <em>b</p><p>c</em> d</p>", "<p>a<!-- x -->b</p>", "<p>&#32; a&nbsp;</p>", "<ul>\n<li>\n</li></ul>",
           "<p>a<br>b<img src=x></p>", "<p>a<svg><p>b</p></svg>c</p>", "<p>a<script>x</script></p>", "text only",
           "<li>a</li></li></ul>b", "<td>a\n<ul><li>x</li>\n<li>y</li></ul></td>", "<h2 id=x>T<a class=headerlink>#</a></h2>",
           "<p class=\"a\" id='b'>x &amp; y</p><p></p><p> </p><p>&#32;</p>", "<ul><li>a</li><li>b</li></ul><li>c</li>",
           "<p>a<p>b</p>c</p>", "<h2 id=x>T</h2><P>X</P><p >y</p ><dt>t</dt><dd>d</dd>", "<em>a<p>b</p>c</em>",
           "<table><tr><td>a</td><td>b</td></tr><tr><th>h</th><td>c</td></tr></table>"]


@pytest.mark.parametrize("html", _TRICKY)
def test_the_one_pass_reader_gives_the_tree_builders_leaves(html):
    from policypress.diff.blocks import leaves, parse, read
    assert _shape(read(html)) == _shape(leaves(parse(html)))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_SOUP), max_size=40))
def test_the_one_pass_reader_gives_the_tree_builders_leaves_on_any_tag_soup(pieces):
    from policypress.diff.blocks import leaves, parse, read
    html = "".join(pieces)
    assert _shape(read(html)) == _shape(leaves(parse(html)))


def test_the_one_pass_reader_on_rendered_policies():
    from pathlib import Path
    from policypress.diff.blocks import leaves, parse, read
    site = Renderer(["toc", "tables", "admonition", "attr_list"], {"toc": {"permalink": True}})
    root = Path(__file__).parent
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "labels" / "bases").glob("*.md"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((root / "corpus").glob("*/*.md"))[::25]]
    assert len(texts) > 20
    for text in texts:
        html = site(text.split("\n---\n", 1)[-1]).html
        assert _shape(read(html)) == _shape(leaves(parse(html)))


def _candidates_by_counting(index, bag, threshold):
    """The candidate index's answer as it was first written: every short posting list counted."""
    import math
    from collections import Counter
    from itertools import chain
    from policypress.diff.similar import COMMON, FEW
    elements = [(word, k) for word, count in bag.items() for k in range(count)]
    if not elements:
        return list(index.empty)
    needed = max(1, math.floor(threshold * len(elements) / (2 - threshold) - 1e-9))
    key = lambda word, k: word if k == 0 else (word, k)  # noqa: E731 - the index's own names of the elements
    lists, skipped = [], 0
    for word, k in elements:
        hits = index.postings.get(key(word, k))
        if hits is not None:
            if len(hits) > COMMON:
                skipped += 1
            else:
                lists.append(hits)
    shared = Counter(chain.from_iterable(lists))
    if skipped < needed:
        return sorted(i for i, count in shared.items() if count + skipped >= needed)
    if index.size <= FEW:
        return list(range(index.size))
    best = {i for i, _ in sorted(shared.items(), key=lambda item: (-item[1], item[0]))[:COMMON]}
    return sorted(best.union(index.copies.get(frozenset(bag.items()), ())[:COMMON]))


def test_the_candidate_index_finds_the_blocks_counting_every_list_finds():
    """Prefix filtering (`SimilarIndex._holding`) returns the very candidates counting every posting list
    returned: small and large vocabularies, edited copies, empty bags, three thresholds."""
    import random
    from collections import Counter
    from policypress.diff.similar import SimilarIndex
    rng = random.Random(5)
    checked = found = 0
    for _ in range(120):
        vocabulary = [f"w{i}" for i in range(rng.choice([5, 20, 80, 400]))]
        bags = [Counter(rng.choice(vocabulary) for _ in range(rng.randint(0, 30))) for _ in range(rng.randint(1, 400))]
        index = SimilarIndex(bags)
        for _ in range(12):
            words = list(rng.choice(bags).elements()) if rng.random() < 0.5 else \
                [rng.choice(vocabulary) for _ in range(rng.randint(0, 30))]
            for _ in range(rng.randint(0, 4)):
                if words and rng.random() < 0.5:
                    words.pop(rng.randrange(len(words)))
                else:
                    words.append(rng.choice(vocabulary))
            bag = Counter(words)
            for threshold in (0.5, 0.85, 0.95):
                expected = _candidates_by_counting(index, bag, threshold)
                assert index.candidates(bag, threshold) == expected
                checked += 1
                found += bool(expected)
    assert found > checked // 2
