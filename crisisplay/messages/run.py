"""Running one template under the render budget, with its errors located."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from crisisplay.errors import InputError
from crisisplay.messages import limits
from crisisplay.messages.sandbox import MessageEnvironment
from crisisplay.messages.template_errors import as_input_error


def run_template(
    env: MessageEnvironment, name: str, variables: Mapping[str, Any], caps: limits.RenderLimits
) -> str:
    """The text of template ``name``; ``InputError`` naming ``templates/...:line`` otherwise."""
    try:
        with limits.budget(caps):
            template = env.get_template(name)
            return _collect(template.generate(dict(variables)), caps.max_output)
    except InputError:
        raise
    except Exception as exc:
        raise as_input_error(exc, env.confined_loader.root, name) from None


def _collect(chunks: Iterable[str], cap: int) -> str:
    kept: list[str] = []
    total = 0
    for chunk in chunks:
        total += len(chunk)
        if total > cap:
            raise limits.TemplateLimitError(f"the text is longer than {cap:,} characters")
        kept.append(chunk)
        limits.tick()
    return "".join(kept)
