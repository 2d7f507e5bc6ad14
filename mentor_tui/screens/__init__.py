"""One module per screen. Screens are thin: they show and collect; services decide."""
