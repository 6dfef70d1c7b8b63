"""Generate the realistic saved web pages of this folder, once, with their ground truth.

Each page wraps the opening paragraphs of a CC0 UN General Debate speech (from the project's
shared corpus, paragraphs rebuilt with coursegen's own plain-text importer) or, for the French
page, a text written for this folder, in the chrome of one kind of site: navigation, cookie
banner, share buttons, related articles, comments, donation plea, footer. Beside each page,
<page>.truth.json holds the article's blocks as they should come out: [{"text", "heading"}].

The generated files are committed; the tests never run this script. Run it with the project's
venv from the repository root: .venv/bin/python tests/data/html/make_pages.py
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from coursegen.importers.text import import_text

HERE = Path(__file__).resolve().parent
CORPUS = Path("/work/shared/corpus/ungdc-dev")
Blocks = list[tuple[str, bool]]  # (text, heading)


def speech(name: str, count: int) -> list[str]:
    """The first `count` paragraphs of a corpus speech, as coursegen's text importer finds them."""
    paragraphs: list[str] = []
    for text in import_text((CORPUS / name).read_bytes()).paragraphs:
        # a paragraph cut by a page break of the UN's record goes on in lower case: join it
        if paragraphs and text[:1].islower():
            paragraphs[-1] += " " + text
        else:
            paragraphs.append(text)
    return paragraphs[:count]


def body_html(blocks: Blocks, level: int = 2) -> str:
    return "\n".join(
        f"<h{level}>{html.escape(text)}</h{level}>" if heading else f"<p>{html.escape(text)}</p>"
        for text, heading in blocks
    )


def write(name: str, page: str, blocks: Blocks, encoding: str = "utf-8") -> None:
    (HERE / name).write_bytes(page.encode(encoding))
    truth = [{"text": text, "heading": heading} for text, heading in blocks]
    (HERE / f"{Path(name).stem}.truth.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


NEWS_NAV = "".join(
    f'<li><a href="/{s.lower()}/">{s}</a></li>'
    for s in ("World", "Politics", "Business", "Climate", "Opinion", "Culture", "Sport")
)


def news() -> None:
    paragraphs = speech("USA_68_2013.txt", 12)
    lead = "The President spoke for 40 minutes on Syria, Iran and the Middle East peace process."
    blocks: Blocks = [(lead, False)] + [(p, False) for p in paragraphs[:5]]
    blocks += [("Diplomacy and the use of force", True)]
    blocks += [(p, False) for p in paragraphs[5:9]]
    blocks += [("The core interests of the United States", True)]
    blocks += [(p, False) for p in paragraphs[9:]]
    title = "Full text: Obama’s address to the UN General Assembly"
    page = f"""<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="utf-8">
<title>{title} | The Daily Courier</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="The President’s speech to the 68th session of the General Assembly, as delivered.">
<meta name="author" content="Martha Ellison">
<meta property="og:type" content="article">
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="The Daily Courier">
<meta property="og:url" content="https://www.dailycourier.example/world/2013/09/24/obama-un-general-assembly-full-text">
<meta property="article:published_time" content="2013-09-24T14:05:00-04:00">
<meta property="article:modified_time" content="2013-09-26T09:12:00-04:00">
<link rel="canonical" href="https://www.dailycourier.example/world/2013/09/24/obama-un-general-assembly-full-text">
<link rel="stylesheet" href="/static/css/main.3f2a.css">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle","headline":"{title}","datePublished":"2013-09-24T14:05:00-04:00","dateModified":"2013-09-26T09:12:00-04:00","author":{{"@type":"Person","name":"Martha Ellison"}},"publisher":{{"@type":"Organization","name":"The Daily Courier"}}}}</script>
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments);}}</script>
</head>
<body class="article-page">
<div id="cookie-banner" class="cookie-consent" role="dialog">
<p>We use cookies to improve your experience and to show you personalised advertising. By continuing to browse you agree to our use of cookies.</p>
<button>Accept all cookies</button> <button>Manage preferences</button>
</div>
<header class="site-header">
<a class="logo" href="/">The Daily Courier</a>
<nav class="main-nav" aria-label="Sections"><ul>{NEWS_NAV}</ul></nav>
<a class="subscribe" href="/subscribe">Subscribe for $1 a week</a>
</header>
<main>
<article class="story">
<div class="kicker"><a href="/world/">World</a></div>
<h1 class="headline">{title}</h1>
<p class="standfirst">{html.escape(lead)}</p>
<div class="byline">By <a rel="author" href="/staff/martha-ellison">Martha Ellison</a>, United Nations correspondent</div>
<time class="dateline" datetime="2013-09-24T14:05:00-04:00">September 24, 2013, 2:05 p.m.</time>
<ul class="share-tools">
<li><a href="https://twitter.com/intent/tweet">Share on Twitter</a></li>
<li><a href="https://www.facebook.com/sharer">Share on Facebook</a></li>
<li><a href="mailto:?subject=Obama">Email this article</a></li>
</ul>
<figure><img src="/img/unga-2013.jpg" alt="The General Assembly hall"><figcaption>The General Assembly hall in New York. Photo: Courier staff</figcaption></figure>
<div class="story-body">
{body_html(blocks)}
<p class="read-more"><strong>Read more:</strong> <a href="/world/2013/09/23/un-week-preview">What to expect from the UN’s week of speeches</a></p>
</div>
<aside class="support-box">
<h3>Support independent journalism</h3>
<p>The Daily Courier is funded by its readers. Donate today to keep our reporting free for everyone.</p>
<a class="button" href="/donate">Donate now</a>
</aside>
<div class="tags">Topics: <a href="/t/un">United Nations</a> <a href="/t/obama">Barack Obama</a> <a href="/t/syria">Syria</a></div>
</article>
<section class="related">
<h2>Related stories</h2>
<ul>
<li><a href="/world/2013/09/25/rouhani-speech">Rouhani strikes conciliatory tone at the UN</a></li>
<li><a href="/world/2013/09/22/syria-chemical-weapons-deal">What the Syria chemical weapons deal means</a></li>
<li><a href="/politics/2013/09/20/budget-showdown">Congress heads for a budget showdown</a></li>
</ul>
</section>
<section id="comments" class="comments">
<h2>Comments (3)</h2>
<div class="comment"><span class="comment-author">riverside_reader</span><p>A strong speech, but will anything change in Syria?</p></div>
<div class="comment"><span class="comment-author">J. Patel</span><p>The section on Iran was the most interesting part for me.</p></div>
<div class="comment"><span class="comment-author">oldschool</span><p>Too long, as usual.</p></div>
<form class="comment-form"><textarea placeholder="Join the discussion"></textarea><button>Post comment</button></form>
</section>
</main>
<footer class="site-footer">
<div class="newsletter"><p>Sign up for our morning briefing: the day’s news in five minutes.</p><input type="email" placeholder="Your email"><button>Sign up</button></div>
<ul><li><a href="/about">About us</a></li><li><a href="/contact">Contact</a></li><li><a href="/privacy">Privacy policy</a></li><li><a href="/terms">Terms of use</a></li></ul>
<p>© 2013 The Daily Courier Media Group. All rights reserved.</p>
</footer>
</body>
</html>
"""
    write("news-courier.html", page, blocks)


def govuk() -> None:
    paragraphs = speech("GBR_69_2014.txt", 10)
    lead = (
        "The Prime Minister spoke about Ebola, ISIL, and the international response to the "
        "challenges of our time."
    )
    blocks: Blocks = [(lead, False)] + [(p, False) for p in paragraphs]
    title = "Prime Minister's speech to the UN General Assembly 2014"
    related = "".join(
        f'<li><a href="/government/news/{i}">{t}</a></li>'
        for i, t in enumerate(
            (
                "PM statement on the threat from ISIL",
                "UK aid to the Ebola outbreak in West Africa",
                "Foreign Secretary at the UN Security Council",
            )
        )
    )
    page = f"""<!DOCTYPE html>
<html lang="en" class="govuk-template">
<head>
<meta charset="utf-8">
<title>{title} - GOV.UK</title>
<meta name="govuk:format" content="speech">
<meta name="govuk:first-published-at" content="2014-09-24T17:30:00+01:00">
<meta name="govuk:public-updated-at" content="2014-09-24T17:30:00+01:00">
<meta property="og:site_name" content="GOV.UK">
<meta property="og:title" content="{title}">
<meta property="og:url" content="https://www.gov.uk/government/speeches/pm-speech-at-the-un-general-assembly-2014">
<link rel="canonical" href="https://www.gov.uk/government/speeches/pm-speech-at-the-un-general-assembly-2014">
</head>
<body class="govuk-template__body">
<div id="global-cookie-message" class="gem-c-cookie-banner">
<h2>Cookies on GOV.UK</h2>
<p>We use some essential cookies to make this website work.</p>
<p>We’d like to set additional cookies to understand how you use GOV.UK, remember your settings and improve government services.</p>
<button>Accept additional cookies</button><button>Reject additional cookies</button><a href="/help/cookies">View cookies</a>
</div>
<a href="#main-content" class="govuk-skip-link">Skip to main content</a>
<header class="govuk-header"><a href="/" class="govuk-header__link">GOV.UK</a>
<nav><ul><li><a href="/browse">Menu</a></li><li><a href="/search">Search GOV.UK</a></li></ul></nav></header>
<div class="govuk-width-container">
<nav class="govuk-breadcrumbs"><ol><li><a href="/">Home</a></li><li><a href="/government/world">International</a></li><li><a href="/government/world/united-nations">United Nations</a></li></ol></nav>
<main id="main-content" class="govuk-main-wrapper" role="main">
<div class="gem-c-title"><span class="gem-c-title__context">Speech</span>
<h1 class="gem-c-title__text">{title}</h1></div>
<p class="gem-c-lead-paragraph">{html.escape(lead)}</p>
<div class="gem-c-metadata">
<dl><dt>From:</dt><dd><a href="/government/organisations/prime-ministers-office-10-downing-street">Prime Minister's Office, 10 Downing Street</a> and <a href="/government/people/david-cameron">The Rt Hon David Cameron MP</a></dd>
<dt>Published</dt><dd>24 September 2014</dd>
<dt>Delivered on:</dt><dd>24 September 2014 (Transcript of the speech, exactly as it was delivered)</dd></dl>
</div>
<div class="gem-c-share-links"><h2>Share this page</h2><ul><li><a href="https://www.facebook.com/sharer">Share on Facebook</a></li><li><a href="https://twitter.com/share">Share on Twitter</a></li></ul></div>
<div class="govuk-govspeak">
{body_html(blocks)}
</div>
<div class="gem-c-published-dates">Published 24 September 2014</div>
<div class="gem-c-related-navigation"><h2>Related content</h2><ul>{related}</ul>
<h3>Explore the topic</h3><ul><li><a href="/international/un">Foreign affairs</a></li></ul></div>
<div class="gem-c-feedback"><h2>Is this page useful?</h2><button>Yes</button><button>No</button>
<a href="/contact/govuk">Report a problem with this page</a></div>
</main>
</div>
<footer class="govuk-footer">
<h2 class="govuk-visually-hidden">Support links</h2>
<ul><li><a href="/help">Help</a></li><li><a href="/help/privacy-notice">Privacy</a></li><li><a href="/help/cookies">Cookies</a></li><li><a href="/help/accessibility-statement">Accessibility statement</a></li><li><a href="/contact">Contact</a></li></ul>
<p>All content is available under the Open Government Licence v3.0, except where otherwise stated</p>
<p>© Crown copyright</p>
</footer>
</body>
</html>
"""
    write("govuk-speech.html", page, blocks)


FRENCH = [
    (
        "Sommaire : questions au Gouvernement ; projet de loi de finances pour 2015 (suite de "
        "la discussion).",
        False,
    ),
    ("Présidence de M. Claude Bartolone", False),
    ("La séance est ouverte à quinze heures.", False),
    ("Questions au Gouvernement", True),
    (
        "M. le président. L’ordre du jour appelle les questions au Gouvernement. La parole est à "
        "Mme Hélène Garnier, pour le groupe socialiste, républicain et citoyen.",
        False,
    ),
    (
        "Mme Hélène Garnier. Monsieur le Premier ministre, la rentrée scolaire s’est faite, dans "
        "de nombreuses communes rurales, sans que les écoles aient reçu les moyens promis. Les "
        "maires s’inquiètent : qu’en sera-t-il l’an prochain ? Les élèves de nos campagnes "
        "ont-ils droit à la même réussite que ceux des grandes villes ?",
        False,
    ),
    (
        "M. le président. La parole est à Mme la ministre de l’éducation nationale, de "
        "l’enseignement supérieur et de la recherche.",
        False,
    ),
    (
        "Mme la ministre de l’éducation nationale. Madame la députée, vous avez raison de "
        "rappeler que l’école de la République doit être la même partout. Cette année, "
        "soixante postes supplémentaires ont été créés dans les départements ruraux, et le "
        "cœur de notre effort porte sur l’école primaire, là où tout se joue.",
        False,
    ),
    (
        "Nous avons signé avec les élus des « conventions de ruralité » qui garantissent, pour "
        "trois ans, le maintien des classes en échange d’une réorganisation concertée du "
        "réseau des écoles. Vingt-deux départements s’y sont déjà engagés.",
        False,
    ),
    (
        "M. le président. Nous avons terminé les questions au Gouvernement. La séance est "
        "suspendue quelques instants ; elle reprendra à seize heures cinq.",
        False,
    ),
]


def assemblee() -> None:
    title = "Compte rendu intégral de la séance du mardi 14 octobre 2014"
    nbsp = "\u00a0"
    blocks: Blocks = [
        (
            t.replace(" :", nbsp + ":")
            .replace(" ?", nbsp + "?")
            .replace("« ", "«" + nbsp)
            .replace(" »", nbsp + "»")
            .replace(" ;", nbsp + ";"),
            h,
        )
        for t, h in FRENCH
    ]
    body = "\n".join(
        f'<h2 class="titre_section">{html.escape(t)}</h2>'
        if h
        else f"<p>{html.escape(t).replace(nbsp, '&nbsp;')}</p>"
        for t, h in blocks
    )
    page = f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">
<html lang="fr">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">
<title>{title} - Assemblée nationale</title>
<meta name="DC.title" content="{title}">
<meta name="DC.date" content="2014-10-14">
<meta name="DC.publisher" content="Assemblée nationale">
<meta http-equiv="content-language" content="fr">
</head>
<body>
<div id="bandeau"><a href="/">Assemblée nationale</a> <span>XIVe législature</span> <span>Session ordinaire de 2014-2015</span></div>
<table id="menu" width="100%"><tr><td><a href="/deputes/">Députés</a></td><td><a href="/dossiers/">Dossiers législatifs</a></td><td><a href="/cri/">Comptes rendus</a></td><td><a href="/agenda/">Agenda</a></td><td><a href="/europe/">Europe et international</a></td></tr></table>
<div id="fil">Accueil &gt; Travaux en séance &gt; Comptes rendus &gt; Séance du mardi 14 octobre 2014</div>
<div id="contenu">
<h1>{title}</h1>
<div class="intervention">
{body}
</div>
<p class="navigation"><a href="/cri/20150013.asp">&lt; Séance précédente</a> | <a href="/cri/20150015.asp">Séance suivante &gt;</a></p>
</div>
<div id="pied">
<p>© Assemblée nationale. Les textes sont proposés sous licence ouverte.</p>
<a href="/mentions-legales">Mentions légales</a> | <a href="/accessibilite">Accessibilité</a> | <a href="/plan">Plan du site</a>
</div>
</body>
</html>
"""
    write("assemblee-seance.html", page, blocks, encoding="cp1252")


def blog() -> None:
    paragraphs = speech("NOR_62_2007.txt", 9)
    blocks: Blocks = [(p, False) for p in paragraphs]
    title = "Reading Norway’s 2007 General Debate statement"
    page = f"""<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<title>{title} — Policy Notes</title>
<meta name="author" content="Ingrid Solberg">
<meta name="generator" content="WordPress 4.8">
<link rel="canonical" href="https://policynotes.example.org/2017/03/norway-2007-general-debate/">
<link rel="alternate" type="application/rss+xml" title="Policy Notes » Feed" href="/feed/">
</head>
<body class="post-template-default single single-post">
<div class="site">
<header id="masthead"><p class="site-title"><a href="/">Policy Notes</a></p>
<p class="site-description">Notes on diplomacy, aid and the United Nations</p>
<nav id="site-navigation"><ul><li><a href="/">Home</a></li><li><a href="/archive/">Archive</a></li><li><a href="/about/">About</a></li><li><a href="/newsletter/">Newsletter</a></li></ul></nav></header>
<div id="primary" class="content-area">
<article id="post-412" class="post-412 post type-post status-publish">
<header class="entry-header"><h1 class="entry-title">{title}</h1>
<div class="entry-meta">Posted on <time class="entry-date published" datetime="2017-03-08T10:20:00+01:00">March 8, 2017</time> by <span class="author vcard"><a class="url fn n" href="/author/ingrid/">Ingrid Solberg</a></span></div></header>
<div class="entry-content">
<p><em>What follows is the opening of the statement Norway delivered to the General Assembly in 2007, as the UN records it. I come back to it every year with my students.</em></p>
{body_html(blocks)}
<div class="sharedaddy"><h3>Share this:</h3><ul><li><a href="#">Twitter</a></li><li><a href="#">Facebook</a></li><li><a href="#">Print</a></li></ul></div>
<p class="donate-plea">If you find these notes useful, please consider supporting the blog: a small donation keeps it ad-free.</p>
</div>
<footer class="entry-footer"><span class="cat-links">Posted in <a href="/c/un/">United Nations</a></span> <span class="tags-links">Tagged <a href="/t/norway/">Norway</a>, <a href="/t/development/">development</a></span></footer>
</article>
<nav class="post-navigation"><a href="/2017/02/aid-targets/" rel="prev">Previous post: The 0.7% aid target at fifty</a> <a href="/2017/03/security-council-reform/" rel="next">Next post: Security Council reform, again</a></nav>
<div id="comments" class="comments-area"><h2 class="comments-title">2 thoughts on “{title}”</h2>
<ol class="comment-list"><li class="comment"><div class="comment-author">Lars</div><p>Thanks, this is a good one for a seminar.</p></li>
<li class="comment"><div class="comment-author">Priya</div><p>Do you have the 2008 statement too?</p></li></ol>
<div id="respond"><h3>Leave a Reply</h3><p>Your email address will not be published.</p></div></div>
</div>
<aside id="secondary" class="widget-area"><section class="widget"><h2>Recent posts</h2><ul><li><a href="/2017/03/security-council-reform/">Security Council reform, again</a></li><li><a href="/2017/02/aid-targets/">The 0.7% aid target at fifty</a></li></ul></section>
<section class="widget"><h2>Subscribe</h2><p>Sign up to get new posts by email.</p></section></aside>
<footer id="colophon"><p>Proudly powered by WordPress</p></footer>
</div>
</body>
</html>
"""
    # UTF-8 bytes, though the page declares windows-1252: a page saved by an editor that
    # re-encoded it and kept the old declaration.
    intro = "What follows is the opening of the statement Norway delivered to the General Assembly in 2007, as the UN records it. I come back to it every year with my students."
    write("blog-notes.html", page, [(intro, False), *blocks])


def portal() -> None:
    sections = "".join(
        f'<li><a href="/{s.lower().replace(" ", "-")}/">{s}</a></li>'
        for s in (
            "Press releases",
            "Speeches",
            "Publications",
            "Statistics",
            "Consultations",
            "Jobs",
        )
    )
    page = f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Department for Rural Affairs - GOV.UK</title></head>
<body>
<div class="cookie-banner"><p>We use cookies to make this site work.</p><button>Accept</button></div>
<header><a href="/">GOV.UK</a><nav><ul>{sections}</ul></nav></header>
<main>
<h1>Department for Rural Affairs</h1>
<ul class="links">{sections}</ul>
<h2>Latest</h2>
<ul><li><a href="/n/1">New grants for village halls</a></li><li><a href="/n/2">Consultation on hedgerow rules</a></li></ul>
</main>
<footer><p>© Crown copyright</p></footer>
</body>
</html>
"""
    (HERE / "portal-no-article.html").write_text(page, encoding="utf-8")


if __name__ == "__main__":
    news()
    govuk()
    assemblee()
    blog()
    portal()
