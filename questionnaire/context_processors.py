def display(request):
    """The text size the person chose for this session ("normal" or "large")."""
    session = getattr(request, "session", None)
    large = bool(session is not None and session.session_key and session.get("text_size") == "large")
    return {"large_text": large}
