"""The Qt face of the desk: models, delegates, panels and dialogs over desk services."""
