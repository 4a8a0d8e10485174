"""The walkthrough engine: one engine for activation, resume and drills."""

from __future__ import annotations

from crisisplay.incident.board.walkthrough import Recorder, Session, Ticker, Walkthrough, start

__all__ = ["Recorder", "Session", "Ticker", "Walkthrough", "start"]
