"""One module per screen. Screens display what they are given and post messages up."""
