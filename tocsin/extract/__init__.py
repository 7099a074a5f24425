"""tocsin.extract."""
