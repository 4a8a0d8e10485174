"""What the screens say in French: times, status, the timeline, prompts, the banner."""

TEXTS: dict[str, str] = {
    "time.stamp": "{day}, {time}",
    "time.utc": "temps universel (UTC)",
    "time.zone": "heure de {city}",
    "time.zone_elided": "heure d’{city}",
}
