basket = int(input())
if basket >= 5000:
    shipping = 0
    print("Shipping: free")
else:
    shipping = 495
    print("Shipping: 4.95")
total = basket + shipping
print(f"To pay: {total // 100}.{total % 100:02d}")
