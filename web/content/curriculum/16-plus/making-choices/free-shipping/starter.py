basket = int(input())
print("Shipping: free")
print(f"To pay: {basket // 100}.{basket % 100:02d}")
