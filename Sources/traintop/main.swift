print("traintop")
