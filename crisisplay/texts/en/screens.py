"""What the screens say in English: times, status, the timeline, prompts, the banner."""

TEXTS: dict[str, str] = {
    "time.stamp": "{day}, {time}",
    "time.utc": "UTC",
    "time.zone": "{city} time",
    "time.zone_elided": "{city} time",
}
