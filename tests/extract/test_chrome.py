"""The line classifiers and paragraph rules of the plain-text cleaner, on lines written here."""

from __future__ import annotations

import pytest

from dyadwatch.extract.chrome import chrome_reason, clean_text

STORY = (
    "Chinese Foreign Minister Wang Yi met his Japanese counterpart in Tokyo on Sunday, "
    "and the two sides agreed to keep talking about maritime disputes, officials said."
)
SECOND = "The ministers also discussed a planned summit of leaders from the three countries."


@pytest.mark.parametrize(
    "line",
    [
        # breadcrumbs
        "Home > World > Asia",
        "Home / News / Politics",
        "News » Middle East » Iran Talks",
        "World | Europe | Ukraine War",
        # captions, alt texts and photo credits
        "Image: Delegates arrive at the summit venue",
        "Photo: Reuters",
        "Image caption, Soldiers at the border crossing",
        "Caption: The ministers before their talks",
        "alt=A row of flags outside the ministry",
        "(Photo by Jane Roe/AFP via Getty Images)",
        "Delegates pose for a group photo (Photo by staff photographer)",
        "Warships in the harbour. Photo: Navy Handout",
        "Ministers arrive in Brussels. Shutterstock",
        "[Photos: the talks in pictures]",
        # script, video and advertising notices
        "This content requires JavaScript.",
        "Please enable JavaScript to view the comments.",
        "Your browser does not support the video tag.",
        "[Embedded content]",
        "Advertisement",
        "ADVERTISEMENT - SCROLL TO CONTINUE",
        "Story continues below advertisement",
        "4 min read",
        "Skip to main content",
        "Loading...",
        # share, follow, sign-up
        "Share",
        "Share this article",
        "Share on Facebook",
        "Share this story via email",
        "Facebook Twitter LinkedIn WhatsApp",
        "Follow us on Telegram",
        "Subscribe to our newsletter",
        "Sign up for the morning briefing",
        "Sign in",
        "Log in",
        "Terms of Use",
        "Privacy Policy",
        "Comments",
        # cookie banners
        "We use cookies to improve your experience.",
        "Accept all cookies",
        "This website uses cookies. By continuing to browse the site you agree to our use of "
        "cookies and similar technologies for analytics and personalised advertising.",
        "Manage cookie preferences",
        # copyright
        "Copyright © 2024 Example Media Group",
        "© 2023 Example News. All rights reserved.",
        "Copyright 2022 Example Wire",
        # related links on one line
        "Read more: Leaders meet at regional summit",
        "Related: What the sanctions mean for trade",
        "See also - Timeline of the talks",
        # no words at all
        "* * *",
        "|",
    ],
)
def test_chrome_lines(line: str) -> None:
    assert chrome_reason(line) is not None


@pytest.mark.parametrize(
    "line",
    [
        STORY,
        SECOND,
        "Share prices in Seoul fell after the missile launch.",
        "Shares of defence companies rose sharply in Tokyo trading.",
        "Subscribers to the state broadcaster saw the parade live.",
        "A photo released by the agency showed Kim at the launch pad.",
        "Photographs of the meeting were released by the agency on Thursday.",
        "Media, including state television, reported the launch an hour later.",
        "Video footage aired by the broadcaster showed the two men shaking hands.",
        "Copyright law was not on the agenda, a spokesman said.",
        "Register of foreign agents: the law passed its second reading.",
        "Loading of the grain ships resumed at the port of Odesa on Tuesday.",
        "Advertisers pulled out of the broadcaster after the ban, the ministry said.",
        "Officials said the browser-based system would be replaced.",
        "Read the full statement, the ministry urged reporters.",
        "By Jane Roe, Seoul correspondent",
        "Published: 13 September 2023, 16:40 GMT",
        "Updated 2 hours ago",
        "Kim Jong-un and Vladimir Putin meet at Russian spaceport",
        "Analysis",
        "Moscow / Kyiv talks stall",
        "The talks in Tokyo > expectations, analysts said.",
    ],
)
def test_prose_lines(line: str) -> None:
    assert chrome_reason(line) is None


def test_whitespace_is_normalised_inside_lines_and_paragraphs_joined() -> None:
    spaced = STORY.replace(" and ", " \t and\u00a0 ")
    raw = f"\n\n  {spaced}  \n\n\n\n{SECOND}\n"
    cleaned = clean_text(raw)
    assert cleaned.text == f"{STORY}\n\n{SECOND}"
    assert cleaned.paragraphs == (STORY, SECOND)


def test_each_line_is_a_paragraph_when_lines_end_sentences() -> None:
    assert clean_text(f"{STORY}\n{SECOND}").paragraphs == (STORY, SECOND)


def test_hard_wrapped_paragraph_is_rejoined() -> None:
    wrapped = (
        "Chinese Foreign Minister Wang Yi met his Japanese counterpart in\n"
        "Tokyo on Sunday, and the two sides agreed to keep talking about\n"
        "maritime disputes, officials said.\n"
        "\n"
        f"{SECOND}\n"
    )
    assert clean_text(wrapped).paragraphs == (STORY, SECOND)


def test_two_line_blocks_are_joined_only_on_clear_signs() -> None:
    headline = "China and Japan agree to keep talking about the disputed islands"
    assert clean_text(f"{headline}\nBy Jane Roe, Tokyo\n\n{STORY}").paragraphs == (
        headline,
        "By Jane Roe, Tokyo",
        STORY,
    )
    broken = (
        "Chinese Foreign Minister Wang Yi met his Japanese counterpart in Tokyo,\nofficials said."
    )
    assert clean_text(broken).paragraphs == (broken.replace("\n", " "),)


def test_one_paragraph_per_line_is_never_glued_to_a_headline() -> None:
    headline = "China and Japan agree to keep talking about the disputed islands"
    assert clean_text(f"{headline}\n{STORY}\n{SECOND}").paragraphs == (headline, STORY, SECOND)


def test_headline_is_kept_in_the_text_and_reported() -> None:
    cleaned = clean_text(f"China and Japan agree to keep talking\n\n{STORY}")
    assert cleaned.headline == "China and Japan agree to keep talking"
    assert cleaned.text.startswith("China and Japan agree to keep talking\n\n")


@pytest.mark.parametrize(
    "first",
    [STORY, "By Jane Roe", "Updated 13 September 2023", "Live updates:"],
)
def test_no_headline_when_the_first_line_is_not_one(first: str) -> None:
    assert clean_text(f"{first}\n\n{SECOND}").headline is None


def test_single_paragraph_has_no_headline() -> None:
    assert clean_text("China and Japan agree to keep talking").headline is None


def test_related_block_is_dropped_up_to_the_next_real_paragraph() -> None:
    raw = (
        f"{STORY}\n\nYou might also like:\nTrade talks resume in Geneva\n"
        "Five charts that explain the dispute\nWhy the summit matters?\n\n"
        "The talks will resume next month.\n\nMore stories\nFlooding hits the coast\n"
    )
    assert clean_text(raw).paragraphs == (STORY, "The talks will resume next month.")


def test_menu_runs_at_top_and_bottom_are_dropped_but_short_kickers_stay() -> None:
    raw = (
        "Menu\nWorld\nPolitics\nBusiness & Economy\nLive TV\n\n"
        "Analysis\n\n"
        f"{STORY}\n\n{SECOND}\n\n"
        "About Us\nContact\nWork With Us\n"
    )
    assert clean_text(raw).paragraphs == ("Analysis", STORY, SECOND)


def test_menu_with_a_blank_line_after_every_item_is_dropped() -> None:
    raw = f"Home\n\nWorld\n\nAsia\n\nOpinion\n\n{STORY}\n\n{SECOND}"
    assert clean_text(raw).paragraphs == (STORY, SECOND)


def test_two_short_lines_are_not_a_menu() -> None:
    raw = f"Asia Pacific\nDiplomacy\n\n{STORY}"
    assert clean_text(raw).paragraphs == ("Asia Pacific", "Diplomacy", STORY)


def test_short_title_case_lines_inside_the_story_stay() -> None:
    raw = f"{STORY}\n\nNext Steps\nTrade\nSecurity\nClimate\n\n{SECOND}"
    assert clean_text(raw).paragraphs == (
        STORY,
        "Next Steps",
        "Trade",
        "Security",
        "Climate",
        SECOND,
    )


def test_empty_and_chrome_only_input() -> None:
    assert clean_text("").text == ""
    assert clean_text("Share this article\n\nAdvertisement\n").paragraphs == ()


def test_caption_under_a_bare_label_is_dropped() -> None:
    raw = f"Image caption,\nDelegates outside the ministry on Sunday\n\n{STORY}"
    assert clean_text(raw).paragraphs == (STORY,)


def test_stray_label_before_chrome_is_dropped_but_bylines_stay() -> None:
    raw = (
        "Accessibility links\nSkip to content\n\n"
        "China and Japan agree to keep talking\n\nBy Jane Roe\nShare this article\n\n"
        f"{STORY}"
    )
    cleaned = clean_text(raw)
    assert cleaned.paragraphs == ("China and Japan agree to keep talking", "By Jane Roe", STORY)
    assert cleaned.headline == "China and Japan agree to keep talking"
