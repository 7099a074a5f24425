"""tocsin.clean."""
